"""Setting up two-factor sign-in, the code step after the password, and recovery codes."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from sufficiency.web.twofactor import services
from sufficiency.web.twofactor.forms import CodeForm

APP_HINT = "The 6-digit code your authenticator app shows now."
SIGN_IN_HINT = "The 6-digit code from your authenticator app, or one of your recovery codes."


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/home/"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every view here is behind sign-in
    return user


@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if services.has_two_factor(user):
        return render(
            request,
            "twofactor/manage.html",
            {
                "required": services.is_required(user),
                "codes_left": services.recovery_codes_left(user),
            },
        )
    device = services.pending_app(user)
    form = CodeForm(request.POST or None, help_text=APP_HINT)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_app(user, device, form.cleaned_data["code"])
        if codes is not None:
            request.session.cycle_key()
            django_otp.login(request, device)
            return render(
                request,
                "twofactor/recovery_codes.html",
                {"codes": codes, "next": _next(request), "first_time": True},
            )
        form.add_error("code", "The code is not right. Enter the code the app shows now")
        form.govuk_attrs()
    return render(
        request,
        "twofactor/setup.html",
        {
            "form": form,
            "qr_code": services.qr_code_svg(device),
            "secret": services.secret_text(device),
            "required": services.is_required(user),
            "next": _next(request),
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not services.has_two_factor(user) or user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next(request))
    form = CodeForm(request.POST or None, help_text=SIGN_IN_HINT)
    if request.method == "POST" and form.is_valid():
        device = services.check_code(user, form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            django_otp.login(request, device)
            if services.recovery_codes_left(user) <= 2:
                messages.info(
                    request,
                    "You have few recovery codes left. Create new ones from "
                    "‘Two-factor sign-in’ at the bottom of the page.",
                )
            return redirect(_next(request))
        form.add_error("code", "The code is not right. Enter the code your app shows now")
        form.govuk_attrs()
    return render(request, "twofactor/verify.html", {"form": form, "next": _next(request)})


@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not services.has_two_factor(user):
        return redirect("twofactor:setup")
    codes = services.new_recovery_codes(user)
    return render(
        request,
        "twofactor/recovery_codes.html",
        {"codes": codes, "next": "/home/", "first_time": False},
    )


@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    try:
        services.turn_off(_user(request))
    except services.TwoFactorRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Two-factor sign-in is off.")
    return redirect("twofactor:setup")
