"""Every change to who may do what is audited by one mechanism, however it is made.

Pages, the Django admin, management commands and a shell all change users through Django, and
``audit.signals`` records each change; nothing records them by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]


def events(action: Action, **filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("id"))


# -- Passwords -----------------------------------------------------------------------------------


def test_a_user_changes_their_own_password_and_it_is_audited() -> None:
    user, password = create_or_reset_user("tam-fictional", Role.INSPECTOR)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "Change your password" in page.content.decode()
    before = len(events(Action.PASSWORD_SET, object_repr="tam-fictional"))
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "a-brand-new-passphrase-42",
            "new_password2": "a-brand-new-passphrase-42",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-42")
    changed = events(Action.PASSWORD_SET, object_repr="tam-fictional")
    assert len(changed) == before + 1
    assert changed[-1].actor_name == "tam-fictional" and changed[-1].detail["by"] == "the user"
    assert "a-brand-new-passphrase-42" not in str(changed[-1].detail)
    # Still signed in: the session follows the new password.
    assert client.get(reverse("core:home")).status_code == 200


def test_a_wrong_current_password_changes_nothing(client_as: ClientFactory) -> None:
    client = client_as(Role.INSPECTOR)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": "x-new-pass-123456", "new_password2": "x"},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_a_manager_resets_another_users_password_shown_once_and_audited(
    client_as: ClientFactory, make_user: Callable[..., User]
) -> None:
    subject = make_user(Role.INSPECTOR, "uma-fictional")
    manager = client_as(Role.INSPECTION_MANAGER)
    listing = manager.get(reverse("accounts:users")).content.decode()
    assert "uma-fictional" in listing
    response = manager.post(reverse("accounts:reset_password", args=[subject.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    start = html.index('id="new-password">') + len('id="new-password">')
    password = html[start : html.index("</code>", start)]
    subject.refresh_from_db()
    assert len(password) >= 16 and subject.check_password(password)
    reset = events(Action.PASSWORD_SET, object_repr="uma-fictional")[-1]
    assert reset.actor_name == "test-inspection-manager"
    assert reset.detail["by"] == "another user" and password not in str(reset.detail)


def test_only_a_manager_resets_and_never_a_superusers_password(
    client_as: ClientFactory, make_user: Callable[..., User]
) -> None:
    subject = make_user(Role.INSPECTOR, "vic-fictional")
    url = reverse("accounts:reset_password", args=[subject.pk])
    assert client_as(Role.LEAD_INSPECTOR).post(url).status_code == 403
    root = User.objects.create_superuser("root-fictional", "", "a-long-password-9")
    manager = client_as(Role.INSPECTION_MANAGER)
    assert manager.post(reverse("accounts:reset_password", args=[root.pk])).status_code == 403
    assert manager.get(url).status_code == 405  # a reset is a POST, never a link


# -- Roles, groups and permissions, through the admin, a command or a shell ---------------------


def test_a_role_given_in_the_django_admin_is_audited_with_the_admin_as_actor(
    make_user: Callable[..., User],
) -> None:
    subject = make_user(Role.INSPECTOR, "wyn-fictional")
    root = User.objects.create_superuser("root-fictional", "", "a-long-password-9")
    admin = Client()
    admin.force_login(root)
    manager_group = Group.objects.get(name=Role.INSPECTION_MANAGER.value)
    response = admin.post(
        reverse("admin:auth_user_change", args=[subject.pk]),
        {
            "username": "wyn-fictional",
            "is_active": "on",
            "is_staff": "on",
            "groups": [manager_group.pk],
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            "initial-date_joined_0": "2026-01-05",
            "initial-date_joined_1": "09:00:00",
            # The provider inline (accounts.admin), left empty.
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-provider": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    roles = events(Action.ROLES_CHANGED, object_repr="wyn-fictional", actor_name="root-fictional")
    assert {"added": [Role.INSPECTION_MANAGER.value]} in [e.detail for e in roles]
    assert {"removed": [Role.INSPECTOR.value]} in [e.detail for e in roles]
    flags = events(Action.ACCOUNT_CHANGED, object_repr="wyn-fictional")
    assert flags[-1].detail == {"is_staff": [False, True]}
    assert flags[-1].actor_name == "root-fictional"


def test_a_superuser_made_by_a_management_command_is_audited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-password-9")
    call_command("createsuperuser", "--noinput", username="xan-fictional", email="")
    (created,) = events(Action.USER_CREATED, object_repr="xan-fictional")
    assert created.detail["is_superuser"] is True
    assert created.actor_name.startswith("command line (")
    assert events(Action.PASSWORD_SET, object_repr="xan-fictional")


def test_permission_and_group_changes_in_a_shell_are_audited(
    make_user: Callable[..., User],
) -> None:
    subject = make_user(Role.INSPECTOR, "yao-fictional")
    audit_view = Permission.objects.get(codename="view_auditevent")
    subject.user_permissions.add(audit_view)
    (granted,) = events(Action.PERMISSIONS_CHANGED, object_repr="yao-fictional")
    assert granted.detail == {"added": ["audit.view_auditevent"]}
    inspectors = Group.objects.get(name=Role.INSPECTOR.value)
    inspectors.permissions.add(audit_view)
    role_changed = events(Action.GROUP_PERMISSIONS_CHANGED, object_repr=Role.INSPECTOR.value)[-1]
    assert role_changed.detail == {"added": ["audit.view_auditevent"]}
    inspectors.user_set.remove(subject)  # from the group's side
    removed = events(Action.ROLES_CHANGED, object_repr="yao-fictional")
    assert removed[-1].detail == {"removed": [Role.INSPECTOR.value]}
    subject.groups.clear()
    Group.objects.create(name="Fictional extra role")
    assert events(Action.GROUP_CHANGED, object_repr="Fictional extra role")


# -- Lockouts and refused uploads -----------------------------------------------------------------


def _lock_out(username: str) -> None:
    for _ in range(6):
        Client().post(reverse("accounts:login"), {"username": username, "password": "wrong-one"})


def test_clearing_a_lockout_by_command_is_audited() -> None:
    create_or_reset_user("zed-fictional", Role.INSPECTOR)
    _lock_out("zed-fictional")
    assert AccessAttempt.objects.filter(username="zed-fictional").exists()
    call_command("axes_reset_username", "zed-fictional")
    (cleared,) = events(Action.LOCKOUT_RESET)
    assert cleared.detail["username"] == "zed-fictional" and cleared.detail["failures"] >= 5
    assert cleared.actor_name.startswith("command line (")


def test_clearing_a_lockout_in_the_admin_names_the_admin() -> None:
    create_or_reset_user("abe-fictional", Role.INSPECTOR)
    _lock_out("abe-fictional")
    attempt = AccessAttempt.objects.get(username="abe-fictional")
    root = User.objects.create_superuser("root-fictional", "", "a-long-password-9")
    admin = Client()
    admin.force_login(root)
    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    (cleared,) = events(Action.LOCKOUT_RESET)
    assert cleared.actor_name == "root-fictional"


def test_a_refused_framework_upload_is_audited_by_its_form(client_as: ClientFactory) -> None:
    client = client_as(Role.INSPECTION_MANAGER)
    response = client.post(
        reverse("frameworks:upload"),
        {"file": _upload("broken.yaml", b"format: 1\nid: [unclosed\n")},
    )
    assert response.status_code == 200
    (refused,) = events(Action.UPLOAD_REFUSED)
    assert refused.detail == {
        "file": "broken.yaml",
        "reason": refused.detail["reason"],
        "kind": "framework",
    }
    assert refused.actor_name == "test-inspection-manager" and refused.detail["reason"]


def _upload(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_a_users_provider_set_or_changed_is_audited(make_user: Callable[..., User]) -> None:
    make_user(Role.PROVIDER_QUALITY_TEAM, "bea-fictional", "Northmoor CRC")
    make_user(Role.PROVIDER_QUALITY_TEAM, "bea-fictional", "Eastmarch CRC")
    changes = [e.detail for e in events(Action.ACCOUNT_CHANGED, object_repr="bea-fictional")]
    assert {"provider": ["", "Northmoor CRC"]} in changes
    assert {"provider": ["Northmoor CRC", "Eastmarch CRC"]} in changes


def test_creating_a_user_records_one_password_event() -> None:
    create_or_reset_user("cy-fictional", Role.INSPECTOR)
    assert len(events(Action.PASSWORD_SET, object_repr="cy-fictional")) == 1
    assert len(events(Action.USER_CREATED, object_repr="cy-fictional")) == 1
