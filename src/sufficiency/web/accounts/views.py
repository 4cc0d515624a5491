"""Sign in and out; change your own password; an inspection manager resets another user's.

Password changes are audited by ``audit.signals`` (whoever changes a password, however), never
here by hand.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sufficiency.web.accounts import services
from sufficiency.web.accounts.forms import ChangePasswordForm, SignInForm, TokenForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as in Django 5)."""


class ChangePasswordView(auth_views.PasswordChangeView):
    """Any signed-in user changes their own password (the current one is asked for)."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form: ChangePasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed")
        return response


@require_GET
@permission_required(services.RESET_PASSWORD, raise_exception=True)
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.order_by("username").prefetch_related("groups")
    rows = [(user, services.roles_of(user)) for user in users]
    return render(request, "accounts/user_list.html", {"rows": rows})


@require_POST
@permission_required(services.RESET_PASSWORD, raise_exception=True)
def reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    """A new random password for another user, shown once on this response (never stored in
    clear, never cached: signed-in responses carry ``Cache-Control: no-store``)."""
    user = get_object_or_404(User, pk=pk)
    if not services.may_reset(request.user, user):
        raise PermissionDenied("You cannot reset this user's password")
    password = services.reset_password(user, actor=request.user)
    return render(request, "accounts/password_reset.html", {"subject": user, "password": password})


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's account: their roles and API tokens (create one; it is shown once)."""
    from sufficiency.web.api import tokens

    user = request.user
    assert isinstance(user, User)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = tokens.create_token(user, form.cleaned_data["name"], actor=user)
        form = TokenForm()
    return render(
        request,
        "accounts/account.html",
        {
            "roles": services.roles_of(user),
            "tokens": tokens.tokens_of(user),
            "form": form,
            "new_token": new_token,
        },
    )


@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    from sufficiency.web.api import tokens
    from sufficiency.web.api.models import ApiToken

    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_token(token, actor=request.user)
    messages.success(request, f"Token {token.prefix}… revoked")
    return redirect("accounts:account")
