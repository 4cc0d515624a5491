"""The dashboards: an inspector's cases with what to do next, and the lead's progress of an
inspection per sample and per inspector."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sufficiency.web.assessments.progress import inspection_progress, my_cases
from sufficiency.web.inspections.views import inspection_for


@require_GET
@permission_required("assessments.assess_case", raise_exception=True)
def my_cases_page(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/my_cases.html", {"cases": my_cases(request.user)})


@require_GET
def progress_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    return render(
        request,
        "assessments/progress.html",
        {"inspection": inspection, **inspection_progress(inspection)},
    )
