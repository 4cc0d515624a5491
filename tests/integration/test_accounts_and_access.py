"""Sign-in, roles and who may open what."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from sufficiency.web.accounts.services import (
    ROLE_PERMISSIONS,
    Role,
    create_or_reset_user,
    roles_of,
)
from sufficiency.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db
UserFactory = Callable[..., User]
ClientFactory = Callable[[Role], Client]

SIGNED_IN_PAGES = [
    "core:home",
    "frameworks:list",
    "published:list",
    "published:benchmark_index",
    "published:upload",
    "audit:list",
]


def test_roles_are_groups_with_exactly_their_permissions() -> None:
    for role, codes in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(codes)


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_every_page_but_the_start_page_needs_sign_in(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["core:start", "core:health", "accounts:login"])
def test_open_pages(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 200


def test_security_headers_on_every_response() -> None:
    response = Client().get(reverse("core:start"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_sign_in_is_audited_and_lands_on_home() -> None:
    _, password = create_or_reset_user("ivy-fictional", Role.INSPECTOR)
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "ivy-fictional", "password": password}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    login = AuditEvent.objects.filter(action=Action.LOGIN, actor_name="ivy-fictional")
    assert login.count() == 1
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(action=Action.LOGOUT, actor_name="ivy-fictional").exists()


def test_failed_sign_in_shows_error_summary_and_is_audited(make_user: UserFactory) -> None:
    make_user(Role.INSPECTOR, "jo-fictional")
    response = Client().post(
        reverse("accounts:login"), {"username": "jo-fictional", "password": "not-the-password"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "Enter a correct username and password" in html
    assert html.count("<title>Error: ") == 1
    failed = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert failed.detail["username"] == "jo-fictional"
    assert "not-the-password" not in str(failed.detail)


def test_repeated_failed_sign_ins_lock_the_username_out_and_are_audited() -> None:
    _, password = create_or_reset_user("kit-fictional", Role.INSPECTOR)
    client = Client()
    url = reverse("accounts:login")
    for _ in range(5):
        wrong = client.post(url, {"username": "kit-fictional", "password": "guess-again"})
        assert wrong.status_code in {200, 429}
    # Locked now: even the right password does not sign in.
    locked = client.post(url, {"username": "kit-fictional", "password": password})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "You cannot sign in for now" in html and "15 minutes" in html
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.filter(action=Action.LOGIN_LOCKED_OUT).first()
    assert event is not None and event.detail["username"] == "kit-fictional"
    # Another username from the same address is not locked.
    _, other_password = create_or_reset_user("lee-fictional", Role.INSPECTOR)
    other = Client().post(url, {"username": "lee-fictional", "password": other_password})
    assert other.status_code == 302


def test_empty_sign_in_form_links_errors_to_fields() -> None:
    html = Client().post(reverse("accounts:login"), {}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert 'aria-describedby="id_username-error"' in html


def test_provider_quality_team_reads_but_cannot_import_or_see_the_audit_log(
    client_as: ClientFactory,
) -> None:
    client = client_as(Role.PROVIDER_QUALITY_TEAM)
    assert client.get(reverse("published:list")).status_code == 200
    assert client.get(reverse("published:upload")).status_code == 403
    assert client.get(reverse("published:dataset")).status_code == 403
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("frameworks:upload")).status_code == 403


def test_inspection_manager_sees_the_audit_log(client_as: ClientFactory) -> None:
    client = client_as(Role.INSPECTION_MANAGER)
    response = client.get(reverse("audit:list"))
    assert response.status_code == 200
    assert "User created" in response.content.decode()


def test_roles_of(make_user: UserFactory) -> None:
    assert roles_of(make_user(Role.LEAD_INSPECTOR)) == [Role.LEAD_INSPECTOR]


def test_navigation_shows_only_what_the_role_may_open(client_as: ClientFactory) -> None:
    html = client_as(Role.INSPECTOR).get(reverse("core:home")).content.decode()
    assert "Published reports" in html and "Audit log" not in html
    html = client_as(Role.INSPECTION_MANAGER).get(reverse("core:home")).content.decode()
    assert "Audit log" in html


def test_forbidden_and_missing_pages_are_gov_uk_pages(client_as: ClientFactory) -> None:
    client = client_as(Role.PROVIDER_QUALITY_TEAM)
    forbidden = client.get(reverse("audit:list"))
    assert forbidden.status_code == 403
    assert "You cannot open this page" in forbidden.content.decode()
    missing = client.get("/frameworks/999999/")
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
