"""The start page (open to all), the signed-in home page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from sufficiency.web.accounts.services import roles_of


@login_not_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    return render(request, "core/start.html")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in home; for whoever assesses cases, their cases and what to do next."""
    from sufficiency.web.assessments.dashboard_views import cases_to_do

    assesses = request.user.has_perm("assessments.assess_case")
    cases = cases_to_do(request.user) if assesses else None
    return render(request, "core/home.html", {"roles": roles_of(request.user), "cases": cases})


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and `make run`: the process is up and the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
