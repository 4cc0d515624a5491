"""The dashboards: an inspector's cases with what to do next, and the lead's progress of an
inspection per sample and per inspector (not started, draft, submitted, queried,
quality-assured). The counting is ``assessments.reading``'s; this module lays it out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sufficiency.web.assessments import reading
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.inspections.views import inspection_for

# What the case's inspector does next, by the case's status; the cases needing them come first.
NEXT_STEP = {
    CaseStatus.QUERIED: "Reply to the lead's query",
    CaseStatus.DRAFT: "Finish the assessment and submit it",
    CaseStatus.NOT_STARTED: "Start the assessment",
    CaseStatus.SUBMITTED: "Nothing: waiting for the lead inspector",
    CaseStatus.QUALITY_ASSURED: "Nothing: quality-assured and locked",
}
_FIRST = list(NEXT_STEP)


def cases_to_do(user: Any) -> list[CaseAssessment]:
    """The user's cases (``reading.my_cases``), those needing them first, each with its
    ``next_step``."""
    cases = list(reading.my_cases(user))
    for case in cases:
        case.next_step = NEXT_STEP[CaseStatus(case.status)]  # type: ignore[attr-defined]
    cases.sort(key=lambda c: _FIRST.index(CaseStatus(c.status)))  # stable: list order kept
    return cases


@require_GET
@permission_required("assessments.assess_case", raise_exception=True)
def my_cases_page(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/my_cases.html", {"cases": cases_to_do(request.user)})


def _rows(counts: dict[str, dict[str, int]], names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "name": names.get(key, key) or "Not assigned",
            "counts": [by_status.get(s, 0) for s in CaseStatus.values],
            "total": sum(by_status.values()),
        }
        for key, by_status in sorted(counts.items(), key=lambda kv: names.get(kv[0], kv[0]))
    ]


@require_GET
def progress_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    by_sample = reading.progress(inspection, "sample")
    names = dict(inspection.samples.values_list("sample_type", "name"))
    total = {s: sum(c.get(s, 0) for c in by_sample.values()) for s in CaseStatus.values}
    return render(
        request,
        "assessments/progress.html",
        {
            "inspection": inspection,
            "statuses": CaseStatus.labels,
            "samples": _rows(by_sample, names),
            "people": _rows(reading.progress(inspection, "inspector"), {}),
            "total": {
                "name": "All cases",
                "counts": list(total.values()),
                "total": sum(total.values()),
            },
        },
    )
