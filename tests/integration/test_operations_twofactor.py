"""Two-factor sign-in: anyone may turn it on, inspection managers must; after the password a
code from the app (or a recovery code, once) is needed before any page; idle sessions end."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.twofactor.middleware import LAST_ACTIVE_KEY

pytestmark = pytest.mark.django_db

SETUP = reverse("twofactor:setup")
VERIFY = reverse("twofactor:verify")
HOME = reverse("core:home")
RECOVERY_CODE = re.compile(r"<li><code>([a-z2-7]{8})</code></li>")


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the person's app shows (``steps_ahead`` 30-second steps later: each code works
    once, and the app's next one is accepted a step early)."""
    return f"{totp(device.bin_key, drift=steps_ahead):06d}"


def signed_in_with_password(username: str, role: Role, path: str = HOME) -> tuple[Client, User]:
    user, password = create_or_reset_user(username, role)
    client = Client()
    response = client.post(
        f"{reverse('accounts:login')}?next={path}", {"username": username, "password": password}
    )
    assert response.status_code == 302
    return client, user


def turn_on(
    client: Client, user: User, *, wrong_first: bool = False
) -> tuple[TOTPDevice, list[str]]:
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'role="img"' in page  # the QR code, drawn on the page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'<code class="app-secret">([A-Z2-7 ]+)</code>', page)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32
    if wrong_first:
        wrong = client.post(SETUP, {"code": "12345"})
        assert "The code is not right" in wrong.content.decode()
        assert not TOTPDevice.objects.get(pk=device.pk).confirmed
        time.sleep(1.1)  # django-otp makes the next try wait a second after one wrong code
    done = client.post(SETUP, {"code": code_for(device)})
    codes = RECOVERY_CODE.findall(done.content.decode())
    assert "Two-factor sign-in is on" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


def test_an_inspector_turns_two_factor_sign_in_on_and_then_needs_a_code_after_the_password() -> (
    None
):
    client, user = signed_in_with_password("fen-inspector", Role.INSPECTOR)
    assert client.get(HOME).status_code == 200  # optional for inspectors: not on yet
    device, codes = turn_on(client, user, wrong_first=True)
    assert len(codes) == 10 and len(set(codes)) == 10
    actions = set(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert {Action.TWO_FACTOR_ENABLED, Action.RECOVERY_CODES_CREATED} <= actions

    client.post(reverse("accounts:logout"))
    client, _ = signed_in_with_password("fen-inspector", Role.INSPECTOR, "/published/")
    for path in (HOME, "/published/", "/frameworks/", SETUP):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), path
    api = client.post("/api/ratings", {}, content_type="application/json")
    assert api.status_code == 403

    wrong = client.post(VERIFY, {"code": "12345", "next": "/published/"})
    assert "The code is not right" in wrong.content.decode()
    assert AuditEvent.objects.filter(actor=user, action=Action.TWO_FACTOR_FAILED).exists()
    time.sleep(1.1)  # django-otp makes the next try wait a second after one wrong code
    right = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": "/published/"})
    assert right.status_code == 302 and right["Location"] == "/published/"
    assert client.get(HOME).status_code == 200


def test_a_recovery_code_signs_in_once() -> None:
    client, user = signed_in_with_password("fen-lead", Role.LEAD_INSPECTOR)
    _, codes = turn_on(client, user)
    for attempt in range(2):
        client.post(reverse("accounts:logout"))
        client, _ = signed_in_with_password("fen-lead", Role.LEAD_INSPECTOR)
        response = client.post(VERIFY, {"code": codes[0].upper()[:4] + " " + codes[0][4:]})
        if attempt == 0:
            assert response.status_code == 302 and client.get(HOME).status_code == 200
        else:
            assert "The code is not right" in response.content.decode()
            assert client.get(HOME)["Location"].startswith(VERIFY)
    assert AuditEvent.objects.filter(actor=user, action=Action.RECOVERY_CODE_USED).count() == 1


def test_new_recovery_codes_replace_the_old_ones() -> None:
    client, user = signed_in_with_password("fen-quality", Role.PROVIDER_QUALITY_TEAM)
    _, old = turn_on(client, user)
    new = RECOVERY_CODE.findall(client.post(reverse("twofactor:recovery_codes")).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("accounts:logout"))
    client, _ = signed_in_with_password("fen-quality", Role.PROVIDER_QUALITY_TEAM)
    assert "The code is not right" in client.post(VERIFY, {"code": old[0]}).content.decode()


def test_an_inspection_manager_must_set_it_up_before_anything_else_and_cannot_turn_it_off() -> None:
    client, user = signed_in_with_password("fen-manager", Role.INSPECTION_MANAGER)
    for path in (HOME, reverse("audit:list"), "/published/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(SETUP), path
    assert "Inspection managers must set up" in client.get(SETUP).content.decode()
    turn_on(client, user)
    assert client.get(reverse("audit:list")).status_code == 200
    client.post(reverse("twofactor:turn_off"))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert "must keep two-factor sign-in on" in client.get(SETUP).content.decode()


def test_anyone_else_may_turn_it_off() -> None:
    client, user = signed_in_with_password("fen-inspector2", Role.INSPECTOR)
    turn_on(client, user)
    client.post(reverse("twofactor:turn_off"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(actor=user, action=Action.TWO_FACTOR_DISABLED).exists()
    client.post(reverse("accounts:logout"))
    client, _ = signed_in_with_password("fen-inspector2", Role.INSPECTOR)
    assert client.get(HOME).status_code == 200


def test_an_unsafe_next_address_is_not_followed() -> None:
    client, user = signed_in_with_password("fen-inspector3", Role.INSPECTOR)
    device, _ = turn_on(client, user)
    client.post(reverse("accounts:logout"))
    client, _ = signed_in_with_password("fen-inspector3", Role.INSPECTOR)
    response = client.post(
        VERIFY, {"code": code_for(device, steps_ahead=1), "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == HOME


def make_idle(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVE_KEY] = int(time.time()) - seconds
    session.save()


@override_settings(SESSION_IDLE_TIMEOUT=__import__("datetime").timedelta(minutes=20))
def test_a_session_idle_longer_than_the_setting_is_signed_out_and_sign_in_returns_to_the_page(
    client_as: Callable[[Role], Client],
) -> None:
    client, _ = signed_in_with_password("fen-idle", Role.INSPECTOR, "/published/")
    assert client.get("/published/").status_code == 200
    make_idle(client, 19 * 60)
    assert client.get("/published/").status_code == 200  # still inside the idle time
    make_idle(client, 21 * 60)
    response = client.get("/published/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/published/"
    page = client.get(response["Location"]).content.decode()
    assert "signed out after 20 minutes without activity" in page
    assert AuditEvent.objects.filter(actor_name="fen-idle", action=Action.LOGOUT).count() == 1

    _, password = create_or_reset_user("fen-idle", Role.INSPECTOR)
    again = client.post(
        response["Location"], {"username": "fen-idle", "password": password, "next": "/published/"}
    )
    assert again["Location"] == "/published/"
    assert client.get("/published/").status_code == 200
