"""The case assessment page and moderation, through the pages: the Save button (every field),
the page script's saves (only the changed fields, JSON back), conflicts with both values, the
RoSH relevant flag's confirmation, submission naming each missing answer, and the moderation
journey from query to lock and unlock."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from inspection_web import first_case, inspection_in_fieldwork, team
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.models import Answer, CaseStatus, Query
from sufficiency.web.assessments.questions import (
    framework_of_case,
    required_questions,
    sample_questions,
)
from sufficiency.web.twofactor.services import is_required

from .conftest import pass_two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return team()


@pytest.fixture
def case(framework_version, crew):
    inspection = inspection_in_fieldwork(framework_version, crew)
    return first_case(inspection, crew.inspectors[0])


def signed_in(person) -> Client:
    """A client signed in as ``person`` (past two-factor sign-in, where their role needs it)."""
    client = Client()
    client.force_login(person)
    if is_required(person):
        pass_two_factor(client, person)
    return client


def url(case) -> str:
    return f"/inspections/{case.inspection_id}/cases/{case.pk}/"


def every_answer(case, judgement: str = "yes") -> dict[str, str]:
    questions = required_questions(
        framework_of_case(case), case.sampled_case.sample.sample_type, case.rosh_relevant
    )
    return {f"answer-{q.id}": judgement for q in questions}


def relevant_only(case) -> str:
    questions = sample_questions(framework_of_case(case), case.sampled_case.sample.sample_type)
    return next(q.id for q in questions.values() if q.relevant_subsample_only)


def test_the_page_groups_the_prompts_and_judgements_by_standard(case, crew) -> None:
    page = signed_in(crew.inspectors[0]).get(url(case)).content.decode()
    assert "2.1 Assessment" in page and "2.2 Planning" in page
    assert 'name="answer-2.1.1.a"' in page and 'name="answer-2.1.1"' in page
    assert 'name="note-2.1.1"' in page
    assert "Key question judgement: 2.1.1" in page
    assert 'value="n/a"' in page and "Not applicable" in page
    assert "case.js" in page


def test_the_save_button_stores_every_field_and_says_when(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    response = client.post(
        url(case),
        {
            "version": case.version,
            "answer-2.1.1": "yes",
            "note-2.1.1": "plan agreed with him",
            "answer-2.1.1.a": "no",
            "ro_interviewed": "yes",
            "practice_example": "1",
            "practice_example_text": "good joint work",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert "Saved at" in client.get(response["Location"]).content.decode()
    case.refresh_from_db()
    answers = {a.question_id: (a.judgement, a.note) for a in case.answers.all()}
    assert answers == {"2.1.1": ("yes", "plan agreed with him"), "2.1.1.a": ("no", "")}
    assert case.status == CaseStatus.DRAFT and case.ro_interviewed is True
    assert case.practice_example and case.practice_example_text == "good joint work"
    # The same form again without 2.1.1.a: a full save clears what the page no longer answers.
    client.post(
        url(case),
        {
            "version": case.version,
            "answer-2.1.1": "yes",
            "note-2.1.1": "plan agreed with him",
            "ro_interviewed": "yes",
            "practice_example": "1",
            "practice_example_text": "good joint work",
        },
    )
    assert set(case.answers.values_list("question_id", flat=True)) == {"2.1.1"}


def test_a_script_save_changes_only_what_it_sends_and_answers_json(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    save_case(
        case,
        CaseChanges(answers={"2.1.2": AnswerChange("no")}),
        version=1,
        actor=crew.inspectors[0],
    )
    response = client.post(url(case), {"autosave": "1", "version": "2", "answer-2.1.1": "n/a"})
    body = response.json()
    assert response.status_code == 200 and body["version"] == 3 and ":" in body["saved_at"]
    stored = dict(case.answers.values_list("question_id", "judgement"))
    assert stored == {"2.1.1": "n/a", "2.1.2": "no"}


def test_a_stale_script_save_is_a_conflict_showing_both_values(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    save_case(
        case,
        CaseChanges(answers={"2.1.1": AnswerChange("no")}),
        version=1,
        actor=crew.inspectors[0],
    )  # from another device
    response = client.post(url(case), {"autosave": "1", "version": "1", "answer-2.1.1": "yes"})
    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2
    (row,) = body["conflicts"]
    assert row["field"] == "2.1.1" and row["yours"] == "Yes" and row["theirs"] == "No"
    assert "2.1.1 Does assessment focus sufficiently on engaging" in row["label"]
    assert case.answers.get(question_id="2.1.1").judgement == "no"


def test_a_stale_save_button_shows_the_conflict_and_keeps_the_stored_answer(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    save_case(
        case,
        CaseChanges(answers={"2.1.1": AnswerChange("no")}),
        version=1,
        actor=crew.inspectors[0],
    )
    response = client.post(url(case), {"version": "1", "answer-2.1.1": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This case was changed elsewhere: nothing was saved" in page
    assert '<td class="govuk-table__cell">Yes</td><td class="govuk-table__cell">No</td>' in page
    assert case.answers.get(question_id="2.1.1").judgement == "no"


def test_a_bad_value_or_unknown_question_is_refused_in_words(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    response = client.post(url(case), {"autosave": "1", "version": "1", "answer-2.1.1": "maybe"})
    assert response.status_code == 422
    assert "'maybe' is not an answer" in json.dumps(response.json())
    response = client.post(url(case), {"autosave": "1", "version": "1", "answer-9.9.9": "yes"})
    assert response.status_code == 422 and "9.9.9" in response.json()["problems"][0]["message"]
    assert not Answer.objects.exists()


def test_clearing_the_rosh_flag_asks_first_then_removes_those_answers(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    rosh_question = relevant_only(case)
    page = client.get(url(case)).content.decode()
    assert f'name="answer-{rosh_question}"' in page  # present, hidden until the flag is set
    client.post(
        url(case),
        {"autosave": "1", "version": "1", "rosh_relevant": "1", f"answer-{rosh_question}": "yes"},
    )
    case.refresh_from_db()
    assert case.rosh_relevant and case.answers.filter(question_id=rosh_question).exists()
    # Clearing it with the Save button: the other changes are saved, the flag waits.
    response = client.post(
        url(case),
        {
            "version": case.version,
            "rosh_relevant": "0",
            "answer-2.1.1": "yes",
            f"answer-{rosh_question}": "yes",
        },
    )
    page = response.content.decode()
    assert "Clearing the RoSH relevant flag removes these answers" in page
    assert rosh_question in page
    case.refresh_from_db()
    assert case.rosh_relevant and case.answers.filter(question_id="2.1.1").exists()
    client.post(
        url(case),
        {"version": case.version, "partial": "1", "rosh_relevant": "0", "confirm_rosh": "1"},
    )
    case.refresh_from_db()
    assert not case.rosh_relevant
    assert not case.answers.filter(question_id=rosh_question).exists()  # removed, not "no"


def test_the_script_is_asked_to_confirm_clearing_the_rosh_flag(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    rosh_question = relevant_only(case)
    client.post(
        url(case),
        {"autosave": "1", "version": "1", "rosh_relevant": "1", f"answer-{rosh_question}": "no"},
    )
    body = client.post(url(case), {"autosave": "1", "version": "2", "rosh_relevant": "0"}).json()
    assert any(line.startswith(rosh_question) for line in body["confirm_rosh"])
    case.refresh_from_db()
    assert case.rosh_relevant


def test_submitting_an_incomplete_case_links_to_each_missing_answer(case, crew) -> None:
    client = signed_in(crew.inspectors[0])
    response = client.post(url(case), {"version": "1", "answer-2.1.1": "yes", "action": "submit"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The case cannot be submitted yet" in page
    assert 'href="#q-2-1-2-yes"' in page and 'id="q-2-1-2-yes"' in page
    assert 'href="#q-2-1-1-yes"' not in page
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


def test_the_moderation_journey_through_the_pages(case, crew) -> None:
    inspector, lead = signed_in(crew.inspectors[0]), signed_in(crew.lead)
    answers = every_answer(case)
    response = inspector.post(url(case), {"version": "1", **answers, "action": "submit"})
    assert response.status_code == 302 and response["Location"] == "/my-cases/"
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    # The lead sees it under its inspector, and queries one answer.
    listing = lead.get(f"/inspections/{case.inspection_id}/moderation/").content.decode()
    assert crew.inspectors[0].username in listing and str(case) in listing
    assert "?query=2.1.1#open-query" in lead.get(url(case)).content.decode()
    lead.post(url(case) + "queries/", {"question_id": "2.1.1", "text": "Is this right?"})
    case.refresh_from_db()
    query = Query.objects.get()
    assert case.status == CaseStatus.QUERIED and query.question_id == "2.1.1"
    # The inspector sees it on their list, replies and changes the answer.
    home = inspector.get("/my-cases/").content.decode()
    assert "Reply to the lead&#x27;s query" in home
    inspector.post(
        url(case) + f"queries/{query.pk}/reply/",
        {"text": "No: on reflection", "change_to": "no", "version": case.version},
    )
    assert case.answers.get(question_id="2.1.1").judgement == "no"
    # Quality-assuring waits for the query to be resolved; then the case is locked.
    lead.post(url(case) + "quality-assure/")
    case.refresh_from_db()
    assert case.status == CaseStatus.QUERIED
    lead.post(url(case) + f"queries/{query.pk}/resolve/")
    lead.post(url(case) + "quality-assure/")
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALITY_ASSURED
    response = inspector.post(
        url(case), {"autosave": "1", "version": case.version, "answer-2.1.1": "yes"}
    )
    assert response.status_code == 403 and "locked" in response.json()["detail"]
    # Only the lead unlocks, with a reason.
    assert inspector.post(url(case) + "unlock/", {"reason": "mine"}).status_code == 403
    lead.post(url(case) + "unlock/", {"reason": ""})
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALITY_ASSURED
    lead.post(url(case) + "unlock/", {"reason": "panel asked to look again"})
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_only_the_cases_inspector_gets_the_form(case, crew) -> None:
    page = signed_in(crew.inspectors[1]).get(url(case)).content.decode()
    assert 'id="case-form"' not in page
    response = signed_in(crew.inspectors[1]).post(
        url(case), {"autosave": "1", "version": "1", "answer-2.1.1": "yes"}
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_my_cases_is_the_inspectors_home(case, crew) -> None:
    page = signed_in(crew.inspectors[0]).get("/home/").content.decode()
    assert url(case) in page and "Start the assessment" in page


def test_moderation_is_the_leads_and_a_reply_the_cases_inspectors(case, crew) -> None:
    inspector, other, lead = (signed_in(p) for p in (*crew.inspectors, crew.lead))
    inspector.post(url(case), {"version": "1", **every_answer(case), "action": "submit"})
    for path in ("queries/", "quality-assure/", "unlock/"):
        assert inspector.post(url(case) + path, {"text": "x", "reason": "x"}).status_code == 403
    lead.post(url(case) + "queries/", {"question_id": "", "text": "Whole case: RO seen?"})
    query = Query.objects.get()
    response = other.post(url(case) + f"queries/{query.pk}/reply/", {"text": "not mine"})
    assert response.status_code == 403 and not query.replies.exists()
    assert other.post(url(case), {"version": "9", "answer-2.1.1": "no"}).status_code == 403
    status = f"/inspections/{case.inspection_id}/status/"
    assert inspector.post(status, {"step": "begin_moderation"}).status_code == 403
