"""The JSON API: session sign-in, CSRF on unsafe methods, permissions, OpenAPI, ratings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sufficiency.web.accounts.services import Role
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.published.models import ReportFormat
from sufficiency.web.published.services import import_parsed

pytestmark = pytest.mark.django_db
UserFactory = Callable[..., User]
ClientFactory = Callable[[Role], Client]


def post_ratings(client: Client, token: str, body: dict[str, Any]) -> Any:
    return client.post(
        "/api/ratings",
        json.dumps(body),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )


def csrf_client(user: User) -> tuple[Client, str]:
    """A client that enforces CSRF like a browser, signed in, with its CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/home/")  # any page with a form sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


RATINGS_BODY: dict[str, Any] = {
    "framework": "hmip-probation-2018",
    "answers": [
        {"case_id": "C1", "question_id": "2.1.1", "answer": "yes"},
        {"case_id": "C2", "question_id": "2.1.1", "answer": "no"},
        {"case_id": "C3", "question_id": "2.1.1", "answer": "yes"},
        {"case_id": "C4", "question_id": "2.1.1", "answer": "n/a"},
    ],
    "decisions": [{"standard_id": "1.1", "rating": "good", "reason": "Well led"}],
}


def test_anonymous_requests_get_401_not_a_redirect() -> None:
    for path in ("/api/frameworks", "/api/published"):
        assert Client().get(path).status_code == 401


def test_openapi_schema_and_docs_need_sign_in_and_then_load(
    client_as: ClientFactory,
) -> None:
    assert Client().get("/api/openapi.json").status_code == 302
    client = client_as(Role.INSPECTOR)
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Sufficiency API"
    for path in ("/api/frameworks", "/api/published/{pk}", "/api/benchmark", "/api/ratings"):
        assert path in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger-ui-bundle.js" in docs.content


def test_frameworks_list_and_detail(
    framework_version: FrameworkVersion, client_as: ClientFactory
) -> None:
    client = client_as(Role.PROVIDER_QUALITY_TEAM)
    (listed,) = client.get("/api/frameworks").json()
    assert listed["framework_id"] == "hmip-probation-2018" and listed["version"] == "2018/19"
    detail = client.get(f"/api/frameworks/{framework_version.pk}").json()
    standards = [s["id"] for d in detail["framework"]["domains"] for s in d["standards"]]
    assert standards == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert client.get("/api/frameworks/999999").status_code == 404


def test_published_list_and_detail(
    published_expected: dict[str, dict[str, Any]], provider_client: Callable[[str], Client]
) -> None:
    essex = published_expected["essex-crc-2018"]
    report = import_parsed(essex, report_format=ReportFormat.TEXT).report
    client = provider_client(essex["provider"])
    (listed,) = client.get("/api/published").json()
    assert listed["provider"] == essex["provider"] and listed["provider_type"] == "CRC"
    detail = client.get(f"/api/published/{report.pk}").json()
    assert detail["parsed"] == essex and detail["revisions"] == 0


def test_ratings_needs_the_csrf_token(
    framework_version: FrameworkVersion, make_user: UserFactory
) -> None:
    client, token = csrf_client(make_user(Role.INSPECTOR))
    body = json.dumps(RATINGS_BODY)
    refused = client.post("/api/ratings", body, content_type="application/json")
    assert refused.status_code == 403
    accepted = post_ratings(client, token, RATINGS_BODY)
    assert accepted.status_code == 200, accepted.content
    result = accepted.json()
    q211 = next(q for q in result["key_questions"] if q["id"] == "2.1.1")
    assert (q211["yes"], q211["no"], q211["not_applicable"], q211["percent"]) == (2, 1, 1, 67)
    leadership = next(s for s in result["standards"] if s["id"] == "1.1")
    assert leadership["awarded_rating"] == "Good"
    assert result["overall"] is None  # not every standard is rated yet
    assert AuditEvent.objects.filter(action=Action.RATINGS_CALCULATED).count() == 1


def test_ratings_reports_every_problem(
    framework_version: FrameworkVersion, make_user: UserFactory
) -> None:
    client, token = csrf_client(make_user(Role.INSPECTOR))
    body = {
        "answers": [
            {"case_id": "C1", "question_id": "2.1.1", "answer": "maybe"},
            {"case_id": "C1", "question_id": "9.9.9", "answer": "yes"},
        ],
        "decisions": [{"standard_id": "1.1", "rating": "Brilliant"}],
    }
    response = post_ratings(client, token, body)
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert len(problems) == 2
    assert {(p["field"], p["value"]) for p in problems} == {
        ("answers[0].answer", "maybe"),
        ("decisions[0].rating", "Brilliant"),
    }
    assert all(p["source"] == "request body" and p["reason"] for p in problems)


def test_engine_input_errors_come_back_as_problems(
    framework_version: FrameworkVersion, make_user: UserFactory
) -> None:
    client, token = csrf_client(make_user(Role.INSPECTOR))
    body = {"answers": [{"case_id": "C1", "question_id": "9.9.9", "answer": "yes"}]}
    response = post_ratings(client, token, body)
    assert response.status_code == 422
    (problem,) = response.json()["problems"]
    assert problem["field"] == "question_id"
    assert "unknown key question" in problem["reason"]


def test_ratings_against_a_framework_not_stored(make_user: UserFactory) -> None:
    client, token = csrf_client(make_user(Role.INSPECTOR))
    response = post_ratings(client, token, {**RATINGS_BODY, "framework": "no-such-framework"})
    assert response.status_code == 404
