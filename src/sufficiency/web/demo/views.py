from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sufficiency.web.demo.models import DemoInspection


@require_GET
@permission_required("demo.view_demoinspection", raise_exception=True)  # inspection data
def inspection(request: HttpRequest) -> HttpResponse:
    demo = DemoInspection.objects.order_by("-created_at").first()
    samples = []
    if demo is not None:
        for sample in demo.samples.all():
            wanted = ["case_id", "selection", "stratum", "ldu"]
            present = [name for name in wanted if name in sample.header]
            columns = [sample.column(name) for name in present]
            sampled = [[row[i] for i in columns] for row in sample.rows]
            samples.append({"sample": sample, "columns": present, "cases": sampled})
    return render(request, "demo/inspection.html", {"demo": demo, "samples": samples})
