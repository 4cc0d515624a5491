from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sufficiency.web.demo.inspection import DEMO_PROVIDER
from sufficiency.web.inspections.models import InspectionKind
from sufficiency.web.inspections.visibility import visible_inspections


@require_GET
@permission_required("inspections.view_inspection", raise_exception=True)  # inspection data
def inspection(request: HttpRequest) -> HttpResponse:
    demo = (
        visible_inspections(request.user)
        .filter(provider__name=DEMO_PROVIDER, kind=InspectionKind.INSPECTION)
        .select_related("caseload")
        .first()
    )
    samples = []
    if demo is not None:
        for sample in demo.samples.prefetch_related("strata"):
            cases = sample.cases.select_related("case", "ldu").order_by("order")
            samples.append(
                {
                    "sample": sample,
                    "explanation": sample.size_explanation.splitlines(),
                    "columns": ["case_id", "selection", "stratum", "ldu"],
                    "cases": [
                        [c.case.case_id, c.get_selection_display(), c.stratum_label, c.ldu.name]
                        for c in cases
                    ],
                }
            )
    return render(request, "demo/inspection.html", {"demo": demo, "samples": samples})
