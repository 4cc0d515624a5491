"""Frameworks: the list of stored versions, and each one's tree down to the prompts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sufficiency.framework import FrameworkError
from sufficiency.web.frameworks import services
from sufficiency.web.frameworks.forms import FrameworkUploadForm
from sufficiency.web.frameworks.models import FrameworkVersion


@require_GET
@permission_required("frameworks.view_frameworkversion", raise_exception=True)
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "frameworks/list.html", {"versions": FrameworkVersion.objects.all()})


@require_GET
@permission_required("frameworks.view_frameworkversion", raise_exception=True)
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(FrameworkVersion, pk=pk)
    framework = services.framework_of(version)
    return render(request, "frameworks/detail.html", {"version": version, "framework": framework})


@require_GET
@permission_required("frameworks.view_frameworkversion", raise_exception=True)
def standard_detail(request: HttpRequest, pk: int, standard_id: str) -> HttpResponse:
    version = get_object_or_404(FrameworkVersion, pk=pk)
    framework = services.framework_of(version)
    standard = framework.standards.get(standard_id)
    if standard is None:
        raise Http404(f"no standard {standard_id} in this framework")
    domain = next(d for d in framework.domains if standard in d.standards)
    sample = framework.samples.get(standard.sample) if standard.sample else None
    return render(
        request,
        "frameworks/standard.html",
        {
            "version": version,
            "framework": framework,
            "domain": domain,
            "standard": standard,
            "sample": sample,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("frameworks.add_frameworkversion", raise_exception=True)
def framework_upload(request: HttpRequest) -> HttpResponse:
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.load_text(form.text, form.filename, actor=request.user)
        except FrameworkError as exc:
            problems = [str(p) for p in exc.problems]
            form.add_error(
                "file", f"The framework file has {len(problems)} problem(s), listed below"
            )
            form.govuk_attrs()
        else:
            word = "loaded" if outcome.status is services.LoadStatus.CREATED else "already stored"
            messages.success(request, f"Framework {outcome.version} {word}")
            return redirect("frameworks:detail", pk=outcome.version.pk)
    return render(request, "frameworks/upload.html", {"form": form, "problems": problems})
