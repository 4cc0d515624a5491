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
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_POST

from sufficiency.web.accounts import services
from sufficiency.web.accounts.forms import ChangePasswordForm, SignInForm


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
