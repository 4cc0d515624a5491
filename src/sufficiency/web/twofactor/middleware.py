"""Signed-in people pass the second step before anything else, and idle sessions end.

- ``SessionIdleTimeoutMiddleware``: a session unused for ``SESSION_IDLE_TIMEOUT`` is signed out;
  the next page asks for sign-in again and then returns to where the person was.
- ``TwoFactorMiddleware`` (after django-otp's ``OTPMiddleware``): someone with two-factor
  sign-in who has not yet given a code this session is sent to the code page; an inspection
  manager without it is sent to set it up. The API answers 403 instead of redirecting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from sufficiency.web.twofactor.services import has_two_factor, is_required

LAST_ACTIVE_KEY = "last_active"
ACTIVITY_GRANULARITY_SECONDS = 60  # the session is written at most once a minute for this

# Pages reachable before the second step: the step itself, and signing out.
_BEFORE_CODE = frozenset({"twofactor:verify", "accounts:logout"})
_BEFORE_SETUP = frozenset({"twofactor:setup", "accounts:logout"})


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.timeout = int(settings.SESSION_IDLE_TIMEOUT.total_seconds())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVE_KEY)
            if isinstance(last, int) and now - last > self.timeout:
                logout(request)  # audited as a sign-out
                messages.info(
                    request,
                    f"You were signed out after {self.timeout // 60} minutes without activity. "
                    "Sign in again to carry on.",
                )
            elif not isinstance(last, int) or now - last >= ACTIVITY_GRANULARITY_SECONDS:
                request.session[LAST_ACTIVE_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            if has_two_factor(user):
                step, allowed = "twofactor:verify", _BEFORE_CODE
            elif is_required(user):
                step, allowed = "twofactor:setup", _BEFORE_SETUP
            else:
                return self.get_response(request)
            if _view_name(request) not in allowed:
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Two-factor sign-in is needed."}, status=403)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(step)}?{query}")
        return self.get_response(request)


def _view_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None
