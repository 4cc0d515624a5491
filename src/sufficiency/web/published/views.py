"""Published reports: list, upload, one report's parse and history, benchmark, dataset export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sufficiency.published.benchmark import UnknownProvider
from sufficiency.web.published import services
from sufficiency.web.published.benchmark_view import comparison_context
from sufficiency.web.published.forms import ReportUploadForm

_OUTCOME_MESSAGES = {
    services.ImportStatus.CREATED: "Report stored",
    services.ImportStatus.UPDATED: "Report updated: the earlier parse is kept in its history",
    services.ImportStatus.UNCHANGED: "This report was already stored, unchanged",
}


@require_GET
@permission_required("published.view_publishedreport", raise_exception=True)
def report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "published/list.html", {"reports": services.reports(request.user)})


@require_http_methods(["GET", "POST"])
@permission_required("published.add_publishedreport", raise_exception=True)
def report_upload(request: HttpRequest) -> HttpResponse:
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = services.parse_bytes(upload.read(), upload.name or "report")
            outcome = services.store(parsed, actor=request.user)  # checks who may replace
        except services.ReportRejected as exc:  # the form's error is audited (core.forms)
            # the headline, then each problem in one line, as every reader's problems are shown
            form.add_error(
                "file",
                [
                    f"The report could not be stored: {exc.message}",
                    *(str(problem) for problem in exc.problems),
                ],
            )
            form.govuk_attrs()
        else:
            messages.success(request, _OUTCOME_MESSAGES[outcome.status])
            return redirect("published:detail", pk=outcome.report.pk)
    return render(request, "published/upload.html", {"form": form})


@require_GET
@permission_required("published.view_publishedreport", raise_exception=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(services.reports(request.user), pk=pk)
    return render(
        request,
        "published/detail.html",
        {
            "report": report,
            "parsed": report.parsed,
            "samples": services.samples_of(report),
            "revisions": report.revisions.all(),
        },
    )


@require_GET
@permission_required("published.view_publishedreport", raise_exception=True)
def benchmark_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "published/benchmark_index.html", {"providers": services.providers(request.user)}
    )


@require_GET
@permission_required("published.view_publishedreport", raise_exception=True)
def benchmark(request: HttpRequest) -> HttpResponse:
    try:
        comparison = services.compare(request.GET.get("provider", ""), request.user)
    except UnknownProvider as exc:
        raise Http404(exc.message) from None
    return render(request, "published/benchmark.html", comparison_context(comparison))


@require_GET
@permission_required("published.export_dataset", raise_exception=True)
def dataset_export(request: HttpRequest) -> HttpResponse:
    body = services.dataset_csv(actor=request.user)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="published-reports-{stamp}.csv"'
    return response
