"""The inspection API's contract: what each endpoint answers, and every refusal in words."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from inspection_web import first_case, inspection_in_fieldwork, team
from sufficiency.web.api.models import ApiToken
from sufficiency.web.api.tokens import create_token, revoke_token
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.assessments.moderation import quality_assure
from sufficiency.web.assessments.questions import framework_of_case, required_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return team()


@pytest.fixture
def inspection(framework_version, crew):
    return inspection_in_fieldwork(framework_version, crew)


def bearer(user) -> Client:
    _, token = create_token(user, "test", actor=user)
    return Client(headers={"Authorization": f"Bearer {token}"})


def patch(client: Client, url: str, body: object):
    return client.patch(url, data=json.dumps(body), content_type="application/json")


def test_inspections_and_cases_are_listed_as_the_contract_says(inspection, crew) -> None:
    client = bearer(crew.inspectors[0])
    (listed,) = client.get("/api/inspections").json()
    assert listed == {
        "id": inspection.pk,
        "provider": "Testmoor CRC",
        "kind": "inspection",
        "framework": str(inspection.framework),
        "status": "fieldwork",
        "reference_date": "2020-01-06",
    }
    cases = client.get(f"/api/inspections/{inspection.pk}/cases").json()
    assert len(cases) == CaseAssessment.objects.filter(inspection=inspection).count()
    assert set(cases[0]) == {
        "id",
        "case_id",
        "sample",
        "stratum",
        "ldu",
        "assigned_to",
        "status",
        "rosh_relevant",
        "version",
    }
    assert {c["assigned_to"] for c in cases} == {u.username for u in crew.inspectors}
    assert {c["sample"] for c in cases} <= {"case_supervision", "unpaid_work", "through_the_gate"}


def test_an_outsider_sees_no_inspection_and_no_token_gets_401(inspection) -> None:
    outsider = team("o").inspectors[0]
    assert bearer(outsider).get("/api/inspections").json() == []
    response = bearer(outsider).get(f"/api/inspections/{inspection.pk}/cases")
    assert response.status_code == 404 and "no such inspection" in response.json()["detail"]
    assert Client().get("/api/inspections").status_code == 401
    bad = Client(headers={"Authorization": "Bearer suff_not-a-token"})
    assert bad.get("/api/inspections").status_code == 401


def test_a_revoked_token_no_longer_signs_in(inspection, crew) -> None:
    stored, token = create_token(crew.lead, "laptop", actor=crew.lead)
    assert stored.key_hash != token and token not in stored.key_hash
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get("/api/inspections").status_code == 200
    revoke_token(stored, actor=crew.lead)
    assert client.get("/api/inspections").status_code == 401


def test_patch_saves_from_a_version_and_a_stale_version_is_409(inspection, crew) -> None:
    inspector = crew.inspectors[0]
    case = first_case(inspection, inspector)
    client = bearer(inspector)
    url = f"/api/inspections/{inspection.pk}/cases/{case.pk}"
    response = patch(client, url, {"version": 1, "answers": {"2.1.1": "yes"}})
    assert response.status_code == 200 and response.json() == {"version": 2}
    assert client.get(url).json()["answers"] == {"2.1.1": "yes"}
    stale = patch(client, url, {"version": 1, "answers": {"2.1.1": "no"}})
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 2 and "changed elsewhere" in body["detail"]
    assert body["conflicts"] == [{"field": "2.1.1", "yours": "no", "theirs": "yes"}]
    cleared = patch(client, url, {"version": 2, "answers": {"2.1.1": None}})
    assert cleared.status_code == 200 and client.get(url).json()["answers"] == {}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"version": 1, "answers": {"7.7.7": "yes"}}, "not a question"),
        ({"version": 1, "answers": {"2.1.1": "perhaps"}}, "yes, no or n/a"),
        ({"version": 1, "answers": {"2.1.1": 3}}, "not an answer"),
        ({"version": 1, "answers": {"2.2.3": "yes"}}, "relevant sub-sample"),
        ({"version": 1, "answers": {"2.1.1.a": "yes"}}, "prompt"),
    ],
)
def test_bad_input_is_422_naming_the_question(inspection, crew, body, words) -> None:
    case = first_case(inspection, crew.inspectors[0])
    response = patch(
        bearer(crew.inspectors[0]), f"/api/inspections/{inspection.pk}/cases/{case.pk}", body
    )
    assert response.status_code == 422
    assert any(words in p["reason"] for p in response.json()["problems"])


def test_a_malformed_body_is_422_not_500(inspection, crew) -> None:
    case = first_case(inspection, crew.inspectors[0])
    client = bearer(crew.inspectors[0])
    url = f"/api/inspections/{inspection.pk}/cases/{case.pk}"
    for raw in ("{", "[]", '{"answers": {}}', '{"version": "x"}'):
        response = client.patch(url, data=raw, content_type="application/json")
        assert response.status_code in (400, 422), raw
        assert response.json()["detail"]


def test_another_inspector_or_a_locked_case_is_403(inspection, crew) -> None:
    case = first_case(inspection, crew.inspectors[0])
    url = f"/api/inspections/{inspection.pk}/cases/{case.pk}"
    other = patch(bearer(crew.inspectors[1]), url, {"version": 1, "answers": {"2.1.1": "yes"}})
    assert other.status_code == 403 and "assigned inspector" in other.json()["detail"]
    client = bearer(crew.inspectors[0])
    questions = required_questions(framework_of_case(case), "case_supervision", False)
    saved = patch(client, url, {"version": 1, "answers": {q.id: "yes" for q in questions}})
    assert client.post(url + "/submit").status_code == 200
    quality_assure(CaseAssessment.objects.get(pk=case.pk), actor=crew.lead)
    locked = patch(
        client, url, {"version": saved.json()["version"] + 2, "answers": {"2.1.1": "no"}}
    )
    assert locked.status_code == 403 and "locked" in locked.json()["detail"]


def test_submit_lists_the_missing_answers_or_submits(inspection, crew) -> None:
    case = first_case(inspection, crew.inspectors[0])
    client = bearer(crew.inspectors[0])
    url = f"/api/inspections/{inspection.pk}/cases/{case.pk}"
    patch(client, url, {"version": 1, "answers": {"2.1.1": "yes"}})
    refused = client.post(url + "/submit")
    assert refused.status_code == 422
    missing = {p["field"] for p in refused.json()["problems"]}
    assert "2.1.2" in missing and "2.1.1" not in missing
    questions = required_questions(framework_of_case(case), "case_supervision", False)
    patch(client, url, {"version": 2, "answers": {q.id: "n/a" for q in questions}})
    done = client.post(url + "/submit")
    assert done.status_code == 200
    assert CaseAssessment.objects.get(pk=case.pk).status == CaseStatus.SUBMITTED


def test_api_token_command_prints_a_working_token(inspection, crew) -> None:
    out = StringIO()
    call_command("api_token", crew.lead.username, stdout=out)
    token = out.getvalue().strip()
    assert ApiToken.objects.filter(user=crew.lead).count() == 1
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert [i["id"] for i in client.get("/api/inspections").json()] == [inspection.pk]
