"""Moderation: the lead queries a case or one answer, the inspector replies (and may change the
answer), the lead resolves the query and quality-assures the case, which locks it; only the lead
unlocks it, with a reason. Each step checks, saves and audits."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus, Query, QueryReply
from sufficiency.web.assessments.permissions import require_case_inspector, require_case_lead
from sufficiency.web.assessments.questions import framework_of_case, sample_questions
from sufficiency.web.assessments.workflow import missing_answers
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.permissions import acting_user

TEXT_MAX = 10_000


def _text(name: str, text: str) -> str:
    text = text.strip()
    if not text:
        raise Problems(f"the {name} is empty", [problem(name, f"write the {name}")])
    if len(text) > TEXT_MAX:
        raise Problems(f"the {name} is too long", [problem(name, f"longer than {TEXT_MAX:,}")])
    return text


def _bump(case: CaseAssessment) -> None:
    case.version = F("version") + 1
    case.save()
    case.refresh_from_db()


def open_query(case: CaseAssessment, text: str, *, question_id: str = "", actor: Actor) -> Query:
    """The lead asks about a submitted case, or one of its answers (``question_id``)."""
    require_case_lead(case, actor)
    text = _text("query", text)
    if question_id:
        questions = sample_questions(framework_of_case(case), case.sampled_case.sample.sample_type)
        if question_id not in questions:
            raise Problems(
                "the query cannot be opened",
                [problem("question_id", f"{question_id!r} is not a question of this case")],
            )
    user = acting_user(actor)
    if user is None:
        raise Refused("a query is opened by the lead inspector, signed in")
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if current.status not in (CaseStatus.SUBMITTED, CaseStatus.QUERIED):
            raise Refused(
                f"only a submitted case can be queried; this one is "
                f"{current.get_status_display().lower()}"
            )
        if current.status == CaseStatus.SUBMITTED:
            current.query()
        _bump(current)
        query = Query.objects.create(
            case=current, question_id=question_id, text=text, opened_by=user
        )
        record(
            actor,
            Action.QUERY_OPENED,
            current,
            {"query": query.pk, "question": question_id or None, "text": text},
        )
    return query


def reply_to_query(
    query: Query, text: str, *, change_to: str | None = None, version: int, actor: Actor
) -> QueryReply:
    """The case's inspector replies; ``change_to`` (yes / no / n/a) changes the queried answer,
    made from the case's ``version`` as any save is."""
    case = query.case
    require_case_inspector(case, actor)
    text = _text("reply", text)
    user = acting_user(actor)
    if user is None:
        raise Refused("a reply is written by the case's inspector, signed in")
    if query.status == "resolved":
        raise Refused("the query is resolved")
    if change_to is not None and not query.question_id:
        raise Problems(
            "the reply cannot change an answer",
            [problem("change_to", "the query is about the whole case, not one answer")],
        )
    with transaction.atomic():
        if change_to is not None:
            save_case(
                case,
                CaseChanges(answers={query.question_id: AnswerChange(change_to)}),
                version=version,
                actor=actor,
            )
        current = Query.objects.select_for_update().get(pk=query.pk)
        current.reply()
        current.save()
        reply = QueryReply.objects.create(
            query=current, author=user, text=text, changed_to=change_to or ""
        )
        record(
            actor,
            Action.QUERY_REPLIED,
            case,
            {"query": current.pk, "text": text, "changed_to": change_to},
        )
    query.refresh_from_db()
    return reply


def resolve_query(query: Query, *, actor: Actor) -> Query:
    """The lead closes a query. When the case has no query left open it is submitted again
    (and must then be complete)."""
    case = query.case
    require_case_lead(case, actor)
    with transaction.atomic():
        current = Query.objects.select_for_update().get(pk=query.pk)
        if current.status == "resolved":
            raise Refused("the query is already resolved")
        locked_case = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        current.resolve()
        current.resolved_by = acting_user(actor)
        current.resolved_at = timezone.now()
        current.save()
        still_open = locked_case.queries.exclude(status="resolved").exists()
        if not still_open and locked_case.status == CaseStatus.QUERIED:
            missing = missing_answers(locked_case)
            if missing:
                raise Problems("the query cannot be resolved: the case now lacks answers", missing)
            locked_case.settle_queries()
        _bump(locked_case)
        record(actor, Action.QUERY_RESOLVED, locked_case, {"query": current.pk})
    return current


def quality_assure(case: CaseAssessment, *, actor: Actor) -> CaseAssessment:
    """The lead marks a submitted case with no open query quality-assured, which locks it."""
    require_case_lead(case, actor)
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if current.queries.exclude(status="resolved").exists():
            raise Refused("resolve the case's open queries before quality-assuring it")
        if current.status != CaseStatus.SUBMITTED:
            raise Refused(
                f"only a submitted case can be quality-assured; this one is "
                f"{current.get_status_display().lower()}"
            )
        current.quality_assure()
        _bump(current)
        record(actor, Action.CASE_QUALITY_ASSURED, current, {"version": current.version})
    return current


def unlock_case(case: CaseAssessment, reason: str, *, actor: Actor) -> CaseAssessment:
    """The lead unlocks a quality-assured case, giving the reason; it is submitted again (and
    may be queried)."""
    require_case_lead(case, actor)
    reason = _text("reason", reason)
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if current.status != CaseStatus.QUALITY_ASSURED:
            raise Refused("only a quality-assured (locked) case can be unlocked")
        current.unlock()
        _bump(current)
        record(actor, Action.CASE_UNLOCKED, current, {"reason": reason})
    return current
