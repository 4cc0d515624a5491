from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods, require_POST

from sufficiency.web.accounts.forms import SignInForm, TokenForm
from sufficiency.web.accounts.services import roles_of


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as in Django 5)."""


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
            "roles": roles_of(user),
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
