from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@permission_required("frameworks.view_frameworkversion", raise_exception=True)
def inspection(request: HttpRequest) -> HttpResponse:
    return render(request, "demo/inspection.html", {})
