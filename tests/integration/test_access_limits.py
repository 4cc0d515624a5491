"""Sizes, caching and client addresses: the limits of what the service accepts and keeps."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from sufficiency.framework import builtin_framework_text
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.published import services
from sufficiency.web.published.models import PublishedReport, ReportFormat

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]
Expected = dict[str, dict[str, Any]]
LONG = "Fenmarsh " * 40  # 360 characters: longer than any bounded column it could land in


# -- Bounded columns: refused with a message, on SQLite and PostgreSQL alike ---------------------


def test_a_provider_name_too_long_to_store_is_refused_with_a_message(
    published_expected: Expected,
) -> None:
    parsed = copy.deepcopy(published_expected["essex-crc-2018"])
    parsed["provider"] = LONG.strip()
    with pytest.raises(services.ReportRejected) as refused:
        services.import_parsed(parsed, report_format=ReportFormat.TEXT)
    assert "provider is 359 characters long; at most 255 can be stored" in refused.value.message
    assert PublishedReport.objects.count() == 0


def test_a_framework_name_too_long_is_refused_on_the_upload_page(
    client_as: ClientFactory,
) -> None:
    text = builtin_framework_text("hmip-probation-2018").replace(
        "name: HM Inspectorate", f"name: {LONG}HM Inspectorate", 1
    )
    response = client_as(Role.INSPECTION_MANAGER).post(
        reverse("frameworks:upload"),
        {"file": SimpleUploadedFile("long.yaml", text.encode("utf-8"))},
    )
    assert response.status_code == 200
    assert "at most 255 can be stored" in response.content.decode()
    assert FrameworkVersion.objects.count() == 0
    refused = AuditEvent.objects.get(action=Action.UPLOAD_REFUSED)
    assert refused.detail["kind"] == "framework" and refused.detail["file"] == "long.yaml"


def test_a_username_too_long_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="at most 150 can be stored"):
        create_or_reset_user("u" * 151, Role.INSPECTOR)


# -- Request bodies: bounded before they are read --------------------------------------------


def test_a_ten_megabyte_body_to_the_ratings_api_is_a_413_with_a_message(
    client_as: ClientFactory,
) -> None:
    body = json.dumps({"answers": [{"case_id": "C" * 100, "question_id": "2.1.1"}] * 80_000})
    assert len(body) > 10 * 1024 * 1024
    response = client_as(Role.INSPECTOR).post("/api/ratings", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request is too large")


def test_an_oversized_upload_is_a_413_page_and_is_audited(client_as: ClientFactory) -> None:
    client = client_as(Role.INSPECTOR)
    big = SimpleUploadedFile("huge.txt", b"x" * (22 * 1024 * 1024))
    response = client.post(reverse("published:upload"), {"file": big})
    assert response.status_code == 413
    html = response.content.decode()
    assert "What you sent is too large" in html and "Nothing was stored" in html
    assert PublishedReport.objects.count() == 0
    refused = AuditEvent.objects.get(action=Action.UPLOAD_REFUSED)
    assert refused.actor_name == "test-inspector" and "too large" in refused.detail["reason"]


def test_an_anonymous_oversized_body_is_refused_before_sign_in_is_even_checked() -> None:
    response = Client().post("/api/ratings", "x" * (3 * 1024 * 1024), content_type="text/plain")
    assert response.status_code == 413


# -- The ratings API names its framework version ----------------------------------------------

RATINGS = {"answers": [{"case_id": "C1", "question_id": "2.1.1", "answer": "yes"}]}


def test_the_ratings_api_names_the_framework_version_it_used(
    framework_version: FrameworkVersion, client_as: ClientFactory
) -> None:
    client = client_as(Role.INSPECTOR)
    used = client.post("/api/ratings", RATINGS, content_type="application/json").json()
    assert used["framework"] == {
        "id": "hmip-probation-2018",
        "version": "2018/19",
        "pk": framework_version.pk,
    }
    asked = client.post(
        "/api/ratings", {**RATINGS, "version": "2018/19"}, content_type="application/json"
    )
    assert asked.status_code == 200 and asked.json()["framework"]["version"] == "2018/19"
    unknown = client.post(
        "/api/ratings", {**RATINGS, "version": "1999/00"}, content_type="application/json"
    )
    assert unknown.status_code == 404 and "1999/00" in unknown.json()["detail"]


# -- Caching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/home/", "/published/", "/published/dataset.csv", "/api/published"]
)
def test_signed_in_responses_are_never_stored_by_a_cache(
    path: str, client_as: ClientFactory
) -> None:
    response = client_as(Role.INSPECTION_MANAGER).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_sign_in_redirect_is_not_cached_either() -> None:
    _, password = create_or_reset_user("nia-fictional", Role.INSPECTOR)
    response = Client().post(
        reverse("accounts:login"), {"username": "nia-fictional", "password": password}
    )
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]


# -- Client addresses behind a reverse proxy ----------------------------------------------------


def _fail(client: Client, username: str, forwarded_for: str) -> int:
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": "wrong-password-guess"},
        REMOTE_ADDR="10.0.0.1",  # the proxy, for every request
        HTTP_X_FORWARDED_FOR=forwarded_for,
    ).status_code


@override_settings(SUFFICIENCY_TRUSTED_PROXIES=1)
def test_behind_a_proxy_one_attacker_cannot_lock_a_user_out_for_everyone() -> None:
    _, password = create_or_reset_user("pat-fictional", Role.INSPECTOR)
    attacker = Client()
    for _ in range(6):
        _fail(attacker, "pat-fictional", "203.0.113.9")
    assert AuditEvent.objects.filter(action=Action.LOGIN_LOCKED_OUT).exists()
    assert (
        attacker.post(
            reverse("accounts:login"),
            {"username": "pat-fictional", "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        ).status_code
        == 429
    )  # the attacker's address is locked out
    user = Client().post(
        reverse("accounts:login"),
        {"username": "pat-fictional", "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert user.status_code == 302  # the real user, from their own address, signs in
    signed_in = AuditEvent.objects.get(action=Action.LOGIN)
    assert signed_in.detail["ip"] == "198.51.100.7"


def test_with_no_trusted_proxy_a_forged_forwarded_for_does_not_dodge_the_lockout() -> None:
    _, password = create_or_reset_user("quin-fictional", Role.INSPECTOR)
    for n in range(6):  # a different forged address each time
        _fail(Client(), "quin-fictional", f"192.0.2.{n + 1}")
    locked = Client().post(
        reverse("accounts:login"),
        {"username": "quin-fictional", "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert locked.status_code == 429


@override_settings(SUFFICIENCY_TRUSTED_PROXIES=1)
def test_only_the_address_the_trusted_proxy_appended_counts() -> None:
    _, password = create_or_reset_user("rue-fictional", Role.INSPECTOR)
    for n in range(6):  # the client forges addresses to the left of what the proxy appends
        _fail(Client(), "rue-fictional", f"192.0.2.{n + 1}, 203.0.113.9")
    locked = Client().post(
        reverse("accounts:login"),
        {"username": "rue-fictional", "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.50, 203.0.113.9",
    )
    assert locked.status_code == 429


def test_a_request_that_does_not_match_the_schema_gets_the_one_problem_shape(
    framework_version: FrameworkVersion, client_as: ClientFactory
) -> None:
    response = client_as(Role.INSPECTOR).post(
        "/api/ratings", {"answers": [{"case_id": "C1"}]}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "the request is not valid"
    assert {"answers[0].question_id", "answers[0].answer"} <= {p["field"] for p in body["problems"]}
    assert all(p["reason"] for p in body["problems"])
