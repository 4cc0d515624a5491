"""Sign-in, sign-out and failed sign-in are audit events."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import record


def _client(request: HttpRequest | None) -> dict[str, str]:
    if request is None:
        return {}
    return {"ip": str(request.META.get("REMOTE_ADDR", ""))}


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    record(user, Action.LOGIN, user, _client(request))


@receiver(user_logged_out)
def _logged_out(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is not None:
        record(user, Action.LOGOUT, user, _client(request))


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The username tried, never the password (Django has already masked it, but be explicit).
    tried = str(credentials.get("username", ""))[:150]
    record(None, Action.LOGIN_FAILED, None, {"username": tried, **_client(request)})


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    record(
        None,
        Action.LOGIN_LOCKED_OUT,
        None,
        {"username": str(username or "")[:150], "ip": str(ip_address or "")},
    )
