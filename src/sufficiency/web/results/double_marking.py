"""Double marking: the lead sends a submitted case to a second inspector, who answers its key
questions without seeing the first answers. The first inspector's answers stay the counted ones
unless the lead adopts a second answer (audited); ``results.services.agreement`` compares them."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F

from sufficiency.ratings.counting import CaseStatus
from sufficiency.web.assessments.models import Answer as AnswerRow
from sufficiency.web.assessments.models import CaseAssessment, QuestionKind
from sufficiency.web.assessments.questions import applicable_questions
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.permissions import acting_user, require
from sufficiency.web.results.models import SecondAnswer, SecondMarking
from sufficiency.web.results.permissions import require_moderator
from sufficiency.web.results.recorded import framework_of

VALUES = ("yes", "no", "n/a")


def send_for_double_marking(
    case: CaseAssessment, inspector: User, *, actor: Actor
) -> SecondMarking:
    """The lead sends a case submitted at least once to another inspector of the team."""
    inspection = case.inspection
    require_moderator(actor, inspection)
    lead = acting_user(actor)
    if lead is None:
        raise Refused("cases are sent for double marking by the lead inspector, signed in")
    if inspector.pk == case.assigned_to_id:
        raise Problems(
            "the case cannot be sent",
            [
                problem(
                    "inspector", "the second marker must be another inspector than the case's own"
                )
            ],
        )
    if not (
        inspection.inspectors.filter(pk=inspector.pk).exists() or inspector.pk == inspection.lead_id
    ):
        raise Problems(
            "the case cannot be sent", [problem("inspector", "not on the inspection's team")]
        )
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if not CaseStatus(current.status).counts:
            raise Refused("only a submitted case can be double marked")
        if SecondMarking.objects.filter(case=case).exists():
            raise Refused("the case has already been sent for double marking")
        marking = SecondMarking.objects.create(case=case, inspector=inspector, assigned_by=lead)
        record(
            actor, Action.SECOND_MARKING_ASSIGNED, case, {"second_marker": inspector.get_username()}
        )
    return marking


def save_second_answers(
    marking: SecondMarking, answers: Mapping[str, str | None], *, actor: Actor
) -> SecondMarking:
    """The second marker's key question judgements (None clears one). Only theirs to make."""
    case = marking.case
    require(actor, "assessments.assess_case", case.inspection)
    user = acting_user(actor)
    if user is None or user.pk != marking.inspector_id:
        raise Refused("only the case's second marker may record the second marking")
    framework = framework_of(case.inspection)
    allowed = {
        q.id
        for q in applicable_questions(
            framework, case.sampled_case.sample.sample_type, case.rosh_relevant
        )
        if q.kind == QuestionKind.KEY_QUESTION
    }
    problems = [
        problem(qid, f"{qid!r} is not a key question this case answers")
        for qid in answers
        if qid not in allowed
    ]
    problems += [
        problem(qid, f"{value!r} is not an answer: use yes, no or n/a")
        for qid, value in answers.items()
        if value is not None and value not in VALUES
    ]
    if problems:
        raise Problems("the second marking cannot be saved", problems)
    with transaction.atomic():
        for qid, value in answers.items():
            if value is None:
                SecondAnswer.objects.filter(marking=marking, question_id=qid).delete()
            else:
                SecondAnswer.objects.update_or_create(
                    marking=marking, question_id=qid, defaults={"judgement": value}
                )
        record(actor, Action.SECOND_ANSWERS_SAVED, case, {"answers": dict(answers)})
    return marking


def adopt_second_answer(marking: SecondMarking, question_id: str, *, actor: Actor) -> None:
    """The lead makes the second marker's answer to one key question the counted one.

    The first answer is replaced (its note kept), the case's version goes up so that an open
    page of the case cannot overwrite it unseen, and the change is audited with both answers.
    Refused on a quality-assured (locked) case: the lead unlocks it first.
    """
    case = marking.case
    require_moderator(actor, case.inspection)
    user = acting_user(actor)
    second = SecondAnswer.objects.filter(marking=marking, question_id=question_id).first()
    if second is None:
        raise Problems(
            "the answer cannot be adopted",
            [problem(question_id, f"the second marker has not answered {question_id}")],
        )
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if current.locked:
            raise Refused("the case is quality-assured and locked; unlock it first")
        first = AnswerRow.objects.filter(case=current, question_id=question_id).first()
        before = first.judgement if first else None
        if first is None:
            AnswerRow.objects.create(
                case=current,
                question_id=question_id,
                kind=QuestionKind.KEY_QUESTION,
                judgement=second.judgement,
                updated_by=user,
            )
        else:
            first.judgement, first.updated_by = second.judgement, user
            first.save()
        CaseAssessment.objects.filter(pk=current.pk).update(version=F("version") + 1)
        record(
            actor,
            Action.SECOND_ANSWER_ADOPTED,
            current,
            {
                "question": question_id,
                "from": before,
                "to": second.judgement,
                "second_marker": marking.inspector.get_username(),
            },
        )
