"""The report pages: the report's status and builds, its narrative, its factual accuracy check.

Every page reaches the inspection through ``reports.access`` (a provider's quality team sees its
own provider's report from the factual accuracy check on) and every change through one service
of ``reports.narrative`` or ``reports.workflow``; the views turn refusals into page errors.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sufficiency.framework import RatedBy
from sufficiency.framework.problems import Problem
from sufficiency.reporting import ReportError, build_report
from sufficiency.reporting.formats import ReportFormat
from sufficiency.web.audit.services import Actor
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.reports import access, flow, narrative, workflow
from sufficiency.web.reports.data import report_data, report_of
from sufficiency.web.reports.errors import ReportChanged
from sufficiency.web.reports.forms import (
    CommentForm,
    DomainForm,
    OverallForm,
    PracticeExampleForm,
    RecommendationForm,
    ReissueForm,
    RemoveForm,
    ResolveForm,
    StandardForm,
    Versioned,
)
from sufficiency.web.reports.models import AccuracyComment, DomainText, Resolution, StandardText
from sufficiency.web.reports.paragraphs import Paragraph, paragraphs
from sufficiency.web.results.recorded import framework_of

FORM_ERRORS = 200  # a form with errors is shown again, as on every other page
CONTENT_TYPES = {
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.JSON: "application/json",
    ReportFormat.CSV: "application/zip",
}


def _choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    inspection = access.inspection_for(request.user, inspection_id)
    if inspection is None:
        raise Http404("No such inspection, or not one you may see")
    return inspection


def _allowed(
    check: Callable[[Actor, Inspection], None], request: HttpRequest, inspection: Inspection
) -> bool:
    try:
        check(request.user, inspection)
    except Refused:
        return False
    return True


def _writer(request: HttpRequest, inspection: Inspection) -> None:
    try:
        access.require_writer(request.user, inspection)
    except Refused as exc:
        raise PermissionDenied(exc.message) from None


def _to_form(form: forms.Form, problems: list[Problem]) -> None:
    for found in problems:
        field = found.field if found.field in form.fields else None
        form.add_error(field, found.reason if field else str(found))
    form.govuk_attrs()  # type: ignore[attr-defined]


def _saved(request: HttpRequest, form: forms.Form, change: Callable[[], object]) -> int | None:
    """Run a change; None when done, else the status to answer with: the page again, its form
    showing the errors (as every page's form does)."""
    try:
        change()
    except ReportChanged as exc:
        _to_form(form, [problem("", exc.message)])
        return FORM_ERRORS
    except Problems as exc:
        _to_form(form, exc.problems)
        return FORM_ERRORS
    except Refused as exc:
        raise PermissionDenied(exc.message) from None
    return None


def _draft(inspection: Inspection) -> tuple[list[Paragraph], list[Problem]]:
    try:
        return paragraphs(build_report(report_data(inspection))), []
    except ReportError as exc:
        return [], list(exc.problems)


def _common(request: HttpRequest, inspection: Inspection, active: str) -> dict[str, Any]:
    report = report_of(inspection)
    return {
        "inspection": inspection,
        "report": report,
        "active": active,
        "can_write": _allowed(access.require_writer, request, inspection),
        "can_publish": _allowed(access.require_publisher, request, inspection),
        "can_comment": _allowed(access.require_commenter, request, inspection),
    }


@require_http_methods(["GET", "POST"])
@login_required
def report_page(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    report = report_of(inspection)
    form = Versioned(initial={"version": report.version})
    reissue_form = ReissueForm(initial={"version": report.version})
    if request.method == "POST":
        action = request.POST.get("action", "")
        changes: dict[str, Callable[[int], object]] = {
            "send": lambda v: workflow.send_for_factual_accuracy(
                inspection, version=v, actor=request.user
            ),
            "return": lambda v: workflow.return_to_draft(inspection, version=v, actor=request.user),
            "publish": lambda v: workflow.publish(inspection, version=v, actor=request.user),
        }
        bound: Versioned
        if action == "reissue":
            bound = reissue_form = ReissueForm(request.POST)

            def change() -> object:
                data = reissue_form.cleaned_data
                workflow.reissue(
                    inspection, data["reason"], version=data["version"], actor=request.user
                )
                return None

        elif action in changes:
            bound = form = Versioned(request.POST)

            def change() -> object:
                return changes[action](form.cleaned_data["version"])

        else:
            raise PermissionDenied("no such action")
        failed = _saved(request, bound, change) if bound.is_valid() else FORM_ERRORS
        if failed is None:
            messages.success(request, "The report has moved on.")
            return redirect("reports:report", inspection_id=inspection.pk)
        bound.govuk_attrs()
    report.refresh_from_db()
    shown, problems = _draft(inspection)
    framework = framework_of(inspection)
    return render(
        request,
        "reports/report.html",
        {
            **_common(request, inspection, "report"),
            "form": form,
            "reissue_form": reissue_form,
            "problems": problems,
            "paragraph_count": len(shown),
            "domains": framework.domains,
            "case_data": RatedBy.CASE_DATA,
            "versions": report.published_versions.all(),
            "open_comments": report.accuracy_comments.filter(resolution=Resolution.OPEN).count(),
            "formats": [f.value for f in ReportFormat if f is not ReportFormat.HTML],
        },
    )


@require_http_methods(["GET"])
@login_required
def download(request: HttpRequest, inspection_id: int, output_format: str) -> HttpResponse:
    """The report as HTML (shown), or a PDF, CSV (zipped, one file per table) or JSON file."""
    inspection = _inspection(request, inspection_id)
    try:
        chosen = ReportFormat(output_format)
    except ValueError:
        raise Http404("no such format") from None
    try:
        files = flow.build(inspection, chosen, actor=request.user)
    except Refused as exc:
        raise PermissionDenied(exc.message) from None
    except ReportError as exc:
        return render(
            request,
            "reports/problems.html",
            {**_common(request, inspection, "report"), "problems": exc.problems},
            status=422,
        )
    if chosen is ReportFormat.CSV:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(name, content)
        content, name = buffer.getvalue(), "report-tables.zip"
    else:
        ((name, content),) = files.items()
    response = HttpResponse(content, content_type=CONTENT_TYPES[chosen])
    if chosen is not ReportFormat.HTML:
        response["Content-Disposition"] = (
            f'attachment; filename="inspection-{inspection.pk}-{name}"'
        )
    return response


@require_http_methods(["GET", "POST"])
@login_required
def text(request: HttpRequest, inspection_id: int, part: str) -> HttpResponse:
    """One part of the narrative: "overall", "domain-<id>" or "standard-<id>"."""
    inspection = _inspection(request, inspection_id)
    _writer(request, inspection)
    report = report_of(inspection)
    framework = framework_of(inspection)
    kind, _, ident = part.partition("-")
    form: Versioned
    if part == "overall":
        title = "Foreword and overall findings"
        initial: dict[str, Any] = {
            "foreword": report.foreword,
            "overall_findings": report.overall_findings,
        }
        form_class: type[Versioned] = OverallForm
    elif kind == "domain" and ident in {d.id for d in framework.domains}:
        domain = next(d for d in framework.domains if d.id == ident)
        title = f"Domain {domain.id}: {domain.name}"
        stored = DomainText.objects.filter(report=report, domain_id=ident).first()
        initial = {
            "summary": stored.summary if stored else "",
            "strengths": stored.strengths if stored else "",
            "areas_for_improvement": stored.areas_for_improvement if stored else "",
        }
        form_class = DomainForm
    elif kind == "standard" and ident in framework.standards:
        standard = framework.standards[ident]
        title = f"Standard {standard.id}: {standard.name}"
        found = StandardText.objects.filter(report=report, standard_id=ident).first()
        initial = {"key_findings": found.key_findings if found else ""}
        form_class = StandardForm
    else:
        raise Http404("no such part of the report")
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            actor, version = request.user, data["version"]

            def change() -> object:
                if part == "overall":
                    return narrative.save_overall(
                        inspection,
                        data["foreword"],
                        data["overall_findings"],
                        version=version,
                        actor=actor,
                    )
                if kind == "domain":
                    return narrative.save_domain(
                        inspection,
                        ident,
                        summary=data["summary"],
                        strengths=data["strengths"],
                        areas_for_improvement=data["areas_for_improvement"],
                        version=version,
                        actor=actor,
                    )
                return narrative.save_standard(
                    inspection, ident, data["key_findings"], version=version, actor=actor
                )

            failed = _saved(request, form, change)
            if failed is None:
                messages.success(request, f"Saved: {title}.")
                return redirect("reports:report", inspection_id=inspection.pk)
            status = failed
        else:
            status = FORM_ERRORS
    else:
        form = form_class(initial={**initial, "version": report.version})
    return render(
        request,
        "reports/text.html",
        {**_common(request, inspection, "report"), "form": form, "title": title},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def practice_examples(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _writer(request, inspection)
    report = report_of(inspection)
    framework = framework_of(inspection)
    flagged = narrative.flagged_cases(inspection)

    def add_form(data: Any = None) -> PracticeExampleForm:
        form = PracticeExampleForm(data, initial={"version": report.version})
        _choices(
            form,
            "case",
            [
                (
                    c.pk,
                    f"{c.sampled_case.sample.name}, case {n}: {c.practice_example_text[:80] or 'flagged'}",
                )
                for n, c in enumerate(flagged, start=1)
            ],
        )
        _choices(
            form,
            "standard",
            [
                (s.id, f"{s.id} {s.name}")
                for s in framework.standards.values()
                if s.rated_by is RatedBy.CASE_DATA
            ],
        )
        return form

    form, status = add_form(), 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            remove = RemoveForm(request.POST)
            if not remove.is_valid():
                raise PermissionDenied("no such practice example")
            failed = _saved(
                request,
                form,
                lambda: narrative.remove_practice_example(
                    inspection,
                    remove.cleaned_data["item"],
                    version=remove.cleaned_data["version"],
                    actor=request.user,
                ),
            )
        else:
            form = add_form(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                failed = _saved(
                    request,
                    form,
                    lambda: narrative.add_practice_example(
                        inspection,
                        data["case"],
                        data["standard"],
                        title=data["title"],
                        text=data["text"],
                        version=data["version"],
                        actor=request.user,
                    ),
                )
            else:
                failed = FORM_ERRORS
        if failed is None:
            messages.success(request, "Practice examples saved.")
            return redirect("reports:examples", inspection_id=inspection.pk)
        status = failed
    report.refresh_from_db()
    return render(
        request,
        "reports/examples.html",
        {
            **_common(request, inspection, "examples"),
            "form": form,
            "flagged": flagged,
            "examples": report.practice_examples.all(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def recommendations(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _writer(request, inspection)
    report = report_of(inspection)
    form, status = RecommendationForm(initial={"version": report.version}), 200
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            remove = RemoveForm(request.POST)
            if not remove.is_valid():
                raise PermissionDenied("no such recommendation")
            failed = _saved(
                request,
                form,
                lambda: narrative.remove_recommendation(
                    inspection,
                    remove.cleaned_data["item"],
                    version=remove.cleaned_data["version"],
                    actor=request.user,
                ),
            )
        else:
            form = RecommendationForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                failed = _saved(
                    request,
                    form,
                    lambda: narrative.add_recommendation(
                        inspection,
                        data["to"],
                        data["what"],
                        version=data["version"],
                        actor=request.user,
                    ),
                )
            else:
                failed = FORM_ERRORS
        if failed is None:
            messages.success(request, "Recommendations saved.")
            return redirect("reports:recommendations", inspection_id=inspection.pk)
        status = failed
    report.refresh_from_db()
    return render(
        request,
        "reports/recommendations.html",
        {
            **_common(request, inspection, "recommendations"),
            "form": form,
            "recommendations": report.recommendations.all(),
            "provider": inspection.provider.name,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def comments(request: HttpRequest, inspection_id: int) -> HttpResponse:
    """The factual accuracy check: the provider comments per paragraph; the lead resolves each."""
    inspection = _inspection(request, inspection_id)
    common = _common(request, inspection, "comments")
    shown, problems = _draft(inspection)
    choices = [(p.id, f"{p.section}: {p.text[:90]}") for p in shown]
    form = CommentForm()
    _choices(form, "paragraph", choices)
    resolve_form = ResolveForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "resolve":
            resolve_form = ResolveForm(request.POST)
            if resolve_form.is_valid():
                data = resolve_form.cleaned_data
                failed = _saved(
                    request,
                    resolve_form,
                    lambda: workflow.resolve(
                        inspection,
                        data["comment"],
                        Resolution(data["resolution"]),
                        data["note"],
                        actor=request.user,
                    ),
                )
            else:
                failed = FORM_ERRORS
        else:
            form = CommentForm(request.POST)
            _choices(form, "paragraph", choices)
            if form.is_valid():
                data = form.cleaned_data
                failed = _saved(
                    request,
                    form,
                    lambda: workflow.comment(
                        inspection, data["paragraph"], data["text"], actor=request.user
                    ),
                )
            else:
                failed = FORM_ERRORS
        if failed is None:
            messages.success(request, "Saved.")
            return redirect("reports:comments", inspection_id=inspection.pk)
        status = failed
    return render(
        request,
        "reports/comments.html",
        {
            **common,
            "form": form,
            "resolve_form": resolve_form,
            "comments": AccuracyComment.objects.filter(report=common["report"]).select_related(
                "by", "resolved_by"
            ),
            "problems": problems,
        },
        status=status,
    )
