"""Two-factor sign-in: who must have it, setting it up, and checking a code.

A person's authenticator app is a django-otp ``TOTPDevice``; their recovery codes are one
``StaticDevice`` whose tokens are each good once. Everyone may turn two-factor sign-in on;
inspection managers must (``REQUIRED_FOR``), and cannot turn it off.
"""

from __future__ import annotations

import re
from base64 import b32encode

import segno
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sufficiency.web.accounts.services import Role, roles_of
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import record

REQUIRED_FOR = frozenset({Role.INSPECTION_MANAGER})
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# Spaces and hyphens people type inside a code ("123 456", "abcd-efgh") are not part of it.
CODE_SEPARATORS = re.compile(r"[\s-]+")


class TwoFactorRefused(Exception):
    """A two-factor change that this person may not make, and why."""


def is_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(REQUIRED_FOR.intersection(roles_of(user)))


def has_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return isinstance(user, User) and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user: User) -> TOTPDevice:
    """The authenticator app being set up: a new secret, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base 32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The app's set-up address as an inline SVG QR code (drawn here: nothing leaves the site)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, light="#ffffff", title="QR code for your authenticator app"
    )
    return str(svg).replace("<svg ", '<svg role="img" ', 1)


def normalise(code: str) -> str:
    return CODE_SEPARATORS.sub("", code).lower()


def confirm_app(user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Turn two-factor sign-in on if ``code`` is the app's current code; return the new recovery
    codes to show once, or None if the code is wrong."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(normalise(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(user, Action.TWO_FACTOR_ENABLED, user)
        return new_recovery_codes(user)


def new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with new ones; the old ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        record(user, Action.RECOVERY_CODES_CREATED, user, {"codes": RECOVERY_CODE_COUNT})
    return codes


def turn_off(user: User) -> None:
    if is_required(user):
        raise TwoFactorRefused("Inspection managers must keep two-factor sign-in on.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record(user, Action.TWO_FACTOR_DISABLED, user)


def check_code(user: User, code: str) -> Device | None:
    """The device (app or recovery codes) that accepts ``code``, or None; both are audited.
    django-otp slows repeated wrong codes down (each failure doubles the wait)."""
    device = match_token(user, normalise(code))
    if device is None:
        record(user, Action.TWO_FACTOR_FAILED, user)
    elif isinstance(device, StaticDevice):
        left = device.token_set.count()
        record(user, Action.RECOVERY_CODE_USED, user, {"codes_left": left})
    return device


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user).count())
