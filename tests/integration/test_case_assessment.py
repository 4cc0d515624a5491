"""Recording a case: saves with optimistic versioning, the RoSH relevant flag, submission,
moderation (query, reply, resolve, quality-assure, unlock) and every refusal."""

from __future__ import annotations

import pytest

from inspection_web import first_case, inspection_in_fieldwork, team
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.errors import Conflict
from sufficiency.web.assessments.models import Answer, CaseStatus
from sufficiency.web.assessments.moderation import (
    open_query,
    quality_assure,
    reply_to_query,
    resolve_query,
    unlock_case,
)
from sufficiency.web.assessments.questions import framework_of_case, required_questions
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.inspections.errors import Problems, Refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return team()


@pytest.fixture
def case(framework_version, crew):
    inspection = inspection_in_fieldwork(framework_version, crew)
    return first_case(inspection, crew.inspectors[0])


def answer_all(case, inspector, judgement="yes"):
    questions = required_questions(
        framework_of_case(case), case.sampled_case.sample.sample_type, case.rosh_relevant
    )
    return save_case(
        case,
        CaseChanges(answers={q.id: AnswerChange(judgement) for q in questions}),
        version=case.version,
        actor=inspector,
    )


def test_a_first_save_makes_a_draft_and_raises_the_version(case, crew) -> None:
    inspector = crew.inspectors[0]
    assert case.status == CaseStatus.NOT_STARTED and case.version == 1
    saved = save_case(
        case,
        CaseChanges(
            answers={
                "2.1.1": AnswerChange("yes", "plan agreed with him"),
                "2.1.1.a": AnswerChange("no"),
            }
        ),
        version=1,
        actor=inspector,
    )
    assert saved.status == CaseStatus.DRAFT and saved.version == 2
    stored = {a.question_id: (a.kind, a.judgement, a.note) for a in saved.answers.all()}
    assert stored == {
        "2.1.1": ("key_question", "yes", "plan agreed with him"),
        "2.1.1.a": ("prompt", "no", ""),
    }
    assert AuditEvent.objects.filter(action=Action.ANSWERS_SAVED).count() == 1


def test_a_save_from_a_stale_version_is_a_conflict_carrying_both_values(case, crew) -> None:
    inspector = crew.inspectors[0]
    save_case(case, CaseChanges(answers={"2.1.1": AnswerChange("yes")}), version=1, actor=inspector)
    with pytest.raises(Conflict) as conflict:
        save_case(
            case, CaseChanges(answers={"2.1.1": AnswerChange("no")}), version=1, actor=inspector
        )
    assert conflict.value.current_version == 2 and conflict.value.your_version == 1
    (value,) = conflict.value.values
    assert (value.field, value.yours, value.theirs) == ("2.1.1", "no", "yes")
    assert Answer.objects.get(case=case, question_id="2.1.1").judgement == "yes"


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"9.9.9": AnswerChange("yes")}, "9.9.9", "not a question"),
        ({"2.1.1": AnswerChange("maybe")}, "2.1.1", "yes, no or n/a"),
        ({"2.2.3": AnswerChange("no")}, "2.2.3", "relevant sub-sample"),
        ({"4.1.1": AnswerChange("yes")}, "4.1.1", "not a question"),  # another sample's question
    ],
)
def test_bad_answers_are_refused_by_question_and_nothing_is_stored(
    case, crew, answers, field, words
) -> None:
    with pytest.raises(Problems) as refused:
        save_case(case, CaseChanges(answers=answers), version=1, actor=crew.inspectors[0])
    (problem,) = refused.value.problems
    assert problem.field == field and words in problem.message
    case.refresh_from_db()
    assert case.version == 1 and not case.answers.exists()


def test_clearing_rosh_relevant_removes_the_relevant_sub_sample_answers(case, crew) -> None:
    inspector = crew.inspectors[0]
    case = save_case(
        case,
        CaseChanges(
            rosh_relevant=True,
            answers={
                "2.2.3": AnswerChange("no"),
                "2.2.3.a": AnswerChange("yes"),
                "2.1.1": AnswerChange("yes"),
            },
        ),
        version=1,
        actor=inspector,
    )
    assert set(case.answers.values_list("question_id", flat=True)) == {"2.2.3", "2.2.3.a", "2.1.1"}
    case = save_case(case, CaseChanges(rosh_relevant=False), version=case.version, actor=inspector)
    assert list(case.answers.values_list("question_id", flat=True)) == ["2.1.1"]
    assert not case.answers.filter(judgement="no").exists()


def test_only_the_cases_inspector_records_it(case, crew) -> None:
    for someone in (crew.inspectors[1], crew.lead):
        with pytest.raises(Refused, match="assigned inspector"):
            save_case(
                case, CaseChanges(answers={"2.1.1": AnswerChange("yes")}), version=1, actor=someone
            )


def test_an_incomplete_case_names_each_missing_answer(case, crew) -> None:
    inspector = crew.inspectors[0]
    save_case(case, CaseChanges(answers={"2.1.1": AnswerChange("yes")}), version=1, actor=inspector)
    with pytest.raises(Problems) as refused:
        submit_case(case, actor=inspector)
    missing = [p.field for p in refused.value.problems]
    assert "2.1.1" not in missing and "2.1.2" in missing
    assert "2.2.3" not in missing  # relevant sub-sample only; this case is not in it
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


def test_the_moderation_journey_query_reply_change_resolve_lock_unlock(case, crew) -> None:
    inspector, lead = crew.inspectors[0], crew.lead
    case = answer_all(case, inspector)
    case = submit_case(case, actor=inspector)
    assert case.status == CaseStatus.SUBMITTED and case.first_submitted_at is not None
    with pytest.raises(Refused, match="submitted"):
        save_case(
            case,
            CaseChanges(answers={"2.1.1": AnswerChange("no")}),
            version=case.version,
            actor=inspector,
        )
    with pytest.raises(Refused, match="permission"):
        open_query(case, "Is 2.1.1 right?", question_id="2.1.1", actor=inspector)

    query = open_query(case, "The plan was late: is 2.1.1 right?", question_id="2.1.1", actor=lead)
    case.refresh_from_db()
    assert case.status == CaseStatus.QUERIED
    with pytest.raises(Refused, match="open queries"):
        quality_assure(case, actor=lead)

    reply_to_query(
        query, "Agreed, it was late", change_to="no", version=case.version, actor=inspector
    )
    assert case.answers.get(question_id="2.1.1").judgement == "no"
    resolve_query(query, actor=lead)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED

    case = quality_assure(case, actor=lead)
    assert case.status == CaseStatus.QUALITY_ASSURED and case.locked
    with pytest.raises(Refused, match="locked"):
        save_case(
            case,
            CaseChanges(answers={"2.1.1": AnswerChange("yes")}),
            version=case.version,
            actor=inspector,
        )
    with pytest.raises(Refused):
        unlock_case(case, "needs another look", actor=inspector)
    with pytest.raises(Problems):
        unlock_case(case, "   ", actor=lead)
    case = unlock_case(case, "new evidence from the provider", actor=lead)
    assert case.status == CaseStatus.SUBMITTED
    actions = list(
        AuditEvent.objects.filter(object_id=str(case.pk), object_type="assessments.caseassessment")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-7:] == [
        Action.CASE_SUBMITTED,
        Action.QUERY_OPENED,
        Action.ANSWERS_SAVED,
        Action.QUERY_REPLIED,
        Action.QUERY_RESOLVED,
        Action.CASE_QUALITY_ASSURED,
        Action.CASE_UNLOCKED,
    ]
    assert AuditEvent.objects.get(action=Action.CASE_UNLOCKED).detail["reason"] == (
        "new evidence from the provider"
    )
