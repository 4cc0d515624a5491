"""Saving a case's answers and case facts, with optimistic versioning.

A save names the version of the case it was made from. Its first statement is
``UPDATE … SET version = version + 1 WHERE id = … AND version = N``: if no row matches, the case
has moved on and the save is refused with both values of every field it touched (Conflict);
nothing is overwritten silently. The UPDATE also holds the case's row until the save commits, so
of two saves from one version exactly one succeeds, on SQLite and PostgreSQL alike.

We use a version column and that one conditional UPDATE rather than django-concurrency: the unit
versioned is the case together with its answer rows (django-concurrency versions one model's own
``save``), and the conflict must carry the stored and the sent value of each answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from sufficiency.framework.problems import Problem
from sufficiency.ratings import Judgement
from sufficiency.web.assessments.errors import Conflict, ConflictingValue
from sufficiency.web.assessments.models import EDITABLE, Answer, CaseAssessment, CaseStatus
from sufficiency.web.assessments.permissions import require_case_inspector
from sufficiency.web.assessments.questions import (
    Question,
    framework_of_case,
    sample_questions,
)
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.permissions import acting_user

VALUES = tuple(j.value for j in Judgement)  # the ratings engine's judgements
UNCHANGED: object = object()  # a case fact the save leaves as it is
NOTE_MAX = 10_000
PRACTICE_EXAMPLE_MAX = 20_000


@dataclass(frozen=True)
class AnswerChange:
    """What a save does to one question's answer: a judgement (None clears it) and/or a note
    (None leaves the note as it is)."""

    judgement: str | None
    note: str | None = None


@dataclass(frozen=True)
class CaseChanges:
    """Everything one save may change. Leave out what does not change."""

    answers: Mapping[str, AnswerChange] = field(default_factory=dict)
    rosh_relevant: bool | None = None
    ro_interviewed: bool | object | None = UNCHANGED
    practice_example: bool | None = None
    practice_example_text: str | None = None


def save_case(
    case: CaseAssessment, changes: CaseChanges, *, version: int, actor: Actor
) -> CaseAssessment:
    """Save an inspector's changes to their case made from ``version``; returns the case as now
    stored (its new version). Clearing the RoSH relevant flag removes the relevant-sub-sample
    answers (never stored as "no").

    Refused (Refused) unless the actor is the case's inspector and the case is open to changes;
    Conflict if the case has moved on from ``version``; Problems for an unknown question, a bad
    value or a relevant-sub-sample question on a case outside the sub-sample. Nothing is stored
    unless everything is.
    """
    require_case_inspector(case, actor)
    if case.status not in EDITABLE:
        raise Refused(_not_editable(case))
    framework = framework_of_case(case)
    questions = sample_questions(framework, case.sampled_case.sample.sample_type)
    problems = _shape_problems(changes, questions)
    if problems:
        raise Problems("the changes cannot be saved", problems)
    with transaction.atomic():
        moved = CaseAssessment.objects.filter(pk=case.pk, version=version).update(
            version=F("version") + 1
        )
        if not moved:
            raise _conflict(case, changes, version, actor)
        current = CaseAssessment.objects.get(pk=case.pk)
        if current.status not in EDITABLE:  # changed state since it was read
            raise Refused(_not_editable(current))
        rosh = current.rosh_relevant if changes.rosh_relevant is None else changes.rosh_relevant
        problems = [
            problem(
                qid,
                f"{qid} is asked only of cases in the relevant sub-sample (RoSH relevant), "
                "and this case is not",
            )
            for qid, change in changes.answers.items()
            if change.judgement is not None and questions[qid].relevant_subsample_only and not rosh
        ]
        if problems:
            raise Problems("the changes cannot be saved", problems)
        detail = _apply(current, changes, questions, rosh, actor)
        if current.status == CaseStatus.NOT_STARTED:
            current.start()
        current.save()
        record(actor, Action.ANSWERS_SAVED, current, {"version": current.version, **detail})
    return current


def _not_editable(case: CaseAssessment) -> str:
    if case.status == CaseStatus.QUALITY_ASSURED:
        return "the case is quality-assured and locked; the lead inspector may unlock it"
    return "the case is submitted; it can be changed only to answer a query"


def _shape_problems(changes: CaseChanges, questions: Mapping[str, Question]) -> list[Problem]:
    problems = []
    for qid, change in changes.answers.items():
        if qid not in questions:
            problems.append(problem(qid, f"{qid!r} is not a question this case's sample answers"))
        elif change.judgement is not None and change.judgement not in VALUES:
            problems.append(
                problem(qid, f"{change.judgement!r} is not an answer: use yes, no or n/a")
            )
        if change.note is not None and len(change.note) > NOTE_MAX:
            problems.append(problem(qid, f"the note is longer than {NOTE_MAX:,} characters"))
    text = changes.practice_example_text
    if text is not None and len(text) > PRACTICE_EXAMPLE_MAX:
        problems.append(
            problem("practice_example_text", f"longer than {PRACTICE_EXAMPLE_MAX:,} characters")
        )
    return problems


def _apply(
    case: CaseAssessment,
    changes: CaseChanges,
    questions: Mapping[str, Question],
    rosh: bool,
    actor: Actor,
) -> dict[str, object]:
    """Write the changes to ``case`` (not yet saved) and its answer rows; what changed."""
    user = acting_user(actor)
    detail: dict[str, object] = {}
    stored = {a.question_id: a for a in case.answers.filter(question_id__in=list(changes.answers))}
    answers: dict[str, object] = {}
    for qid, change in changes.answers.items():
        existing = stored.get(qid)
        judgement = change.judgement or ""
        note = existing.note if (change.note is None and existing) else (change.note or "")
        if not judgement and not note:
            if existing is not None:
                existing.delete()
                answers[qid] = None
            continue
        if existing is None:
            Answer.objects.create(
                case=case,
                question_id=qid,
                kind=questions[qid].kind,
                judgement=judgement,
                note=note,
                updated_by=user,
            )
        elif (existing.judgement, existing.note) != (judgement, note):
            existing.judgement, existing.note, existing.updated_by = judgement, note, user
            existing.save()
        else:
            continue
        answers[qid] = judgement or None
    if answers:
        detail["answers"] = answers
    if case.rosh_relevant != rosh:
        case.rosh_relevant = rosh
        detail["rosh_relevant"] = rosh
        if not rosh:
            removed = [qid for qid, q in questions.items() if q.relevant_subsample_only]
            gone = list(
                case.answers.filter(question_id__in=removed).values_list("question_id", flat=True)
            )
            case.answers.filter(question_id__in=removed).delete()
            if gone:
                detail["removed_with_rosh_relevant"] = sorted(gone)
    if changes.ro_interviewed is not UNCHANGED and changes.ro_interviewed != case.ro_interviewed:
        case.ro_interviewed = changes.ro_interviewed  # type: ignore[assignment]
        detail["ro_interviewed"] = case.ro_interviewed
    if changes.practice_example is not None and changes.practice_example != case.practice_example:
        case.practice_example = changes.practice_example
        detail["practice_example"] = changes.practice_example
    text = changes.practice_example_text
    if text is not None and text != case.practice_example_text:
        case.practice_example_text = text
        detail["practice_example_text"] = "changed"
    return detail


def _conflict(case: CaseAssessment, changes: CaseChanges, version: int, actor: Actor) -> Conflict:
    """The refusal of a stale save: every field it touched, its value and the stored one."""
    current = CaseAssessment.objects.get(pk=case.pk)
    stored = {
        a.question_id: a for a in current.answers.filter(question_id__in=list(changes.answers))
    }
    values = []
    for qid, change in changes.answers.items():
        theirs = stored.get(qid)
        values.append(
            ConflictingValue(qid, change.judgement, theirs.judgement or None if theirs else None)
        )
        if change.note is not None:
            values.append(
                ConflictingValue(f"{qid} note", change.note, theirs.note if theirs else "")
            )
    for name in ("rosh_relevant", "ro_interviewed", "practice_example", "practice_example_text"):
        yours = getattr(changes, name)
        if yours is not None and yours is not UNCHANGED:
            values.append(ConflictingValue(name, yours, getattr(current, name)))
    record(
        actor,
        Action.ANSWERS_CONFLICT,
        current,
        {"your_version": version, "current_version": current.version},
    )
    return Conflict(version, current.version, values)
