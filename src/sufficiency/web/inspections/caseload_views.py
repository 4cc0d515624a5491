"""The caseload and sample pages of an inspection: upload the caseload (every bad row shown, the
full list as CSV), choose the local delivery units, draw the samples, see each sample's size
calculation and population-versus-sample tables, replace a case, assign cases."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sufficiency.framework.problems import Problem
from sufficiency.web.assessments.assignment import assign_balanced, assign_case, team_of
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.inspections.caseloads import (
    caseload_ldus,
    choose_ldus,
    problems_csv,
    upload_caseload,
)
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.inspections.forms import (
    CaseloadForm,
    DrawForm,
    LduForm,
    ReplaceForm,
    show_problems,
)
from sufficiency.web.inspections.models import Inspection, InspectionStatus, SampledCase, Selection
from sufficiency.web.inspections.sampling import draw_samples, replace_case
from sufficiency.web.inspections.views import inspection_for, may_manage, refused

SHOWN_PROBLEMS = 50  # bad rows listed on the page; the CSV download has them all
KEPT_PROBLEMS = 20_000  # bad rows kept (in the session) for the download


def _managed(request: HttpRequest, pk: int) -> Inspection:
    inspection = inspection_for(request, pk)
    if not may_manage(request.user, inspection):
        raise PermissionDenied("only the inspection's lead manages its caseload and samples")
    return inspection


def _problems_key(inspection: Inspection) -> str:
    return f"caseload-problems-{inspection.pk}"


@require_http_methods(["GET", "POST"])
def caseload_upload(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    form = CaseloadForm(request.POST or None, request.FILES or None)
    rejected: Problems | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or "caseload"
        try:
            caseload = upload_caseload(inspection, upload.read(), name, actor=request.user)
        except Problems as exc:
            rejected = exc
            request.session[_problems_key(inspection)] = {
                "file": name,
                "problems": [
                    [p.line, p.field, p.value, p.reason] for p in exc.problems[:KEPT_PROBLEMS]
                ],
            }
            form.add_error("file", exc.message[:1].upper() + exc.message[1:])
            form.govuk_attrs()
        except Refused as exc:
            form.add_error("file", exc.message[:1].upper() + exc.message[1:])
            form.govuk_attrs()
        else:
            request.session.pop(_problems_key(inspection), None)
            messages.success(
                request,
                f"{caseload.filename}: {caseload.cases:,} cases stored. Now choose the "
                "local delivery units the inspection covers.",
            )
            return redirect("inspections:ldus", pk=pk)
    return render(
        request,
        "inspections/caseload.html",
        {
            "inspection": inspection,
            "form": form,
            "caseload": getattr(inspection, "caseload", None),
            "rejected": rejected,
            "shown": rejected.problems[:SHOWN_PROBLEMS] if rejected else [],
            "more": max(0, len(rejected.problems) - SHOWN_PROBLEMS) if rejected else 0,
        },
    )


@require_GET
def caseload_problems(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    kept = request.session.get(_problems_key(inspection))
    if not kept:
        raise Http404("no refused caseload to list")
    found = [
        Problem(line=line, field=field, value=value, reason=reason)
        for line, field, value, reason in kept["problems"]
    ]
    response = HttpResponse(problems_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="caseload-problems.csv"'
    return response


@require_http_methods(["GET", "POST"])
def choose_ldus_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    counts = caseload_ldus(inspection)
    if not counts:
        messages.error(request, "Upload the caseload before choosing local delivery units")
        return redirect("inspections:caseload", pk=pk)
    choices = [(name, f"{name} ({cases:,} cases)") for name, cases in counts]
    chosen = list(inspection.ldus.values_list("name", flat=True))
    form = LduForm(request.POST or None, choices=choices, initial={"ldus": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            choose_ldus(inspection, form.cleaned_data["ldus"], actor=request.user)
        except Problems as exc:
            show_problems(form, exc)
        except Refused as exc:
            form.add_error(None, exc.message[:1].upper() + exc.message[1:])
            form.govuk_attrs()
        else:
            messages.success(request, "Local delivery units chosen. Now draw the samples.")
            return redirect("inspections:samples", pk=pk)
    return render(request, "inspections/ldus.html", {"inspection": inspection, "form": form})


@require_http_methods(["GET", "POST"])
def samples_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    manage = may_manage(request.user, inspection)
    form = DrawForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied("only the inspection's lead draws its samples")
        if form.is_valid():
            try:
                drawn = draw_samples(inspection, seed=form.cleaned_data["seed"], actor=request.user)
            except Problems as exc:
                show_problems(form, exc)
            except Refused as exc:
                form.add_error(None, exc.message[:1].upper() + exc.message[1:])
                form.govuk_attrs()
            else:
                seed = drawn[0].seed if drawn else "–"
                messages.success(request, f"{len(drawn)} samples drawn with seed {seed}")
                return redirect("inspections:samples", pk=pk)
    samples = list(inspection.samples.prefetch_related("strata"))
    sampled = Counter(
        SampledCase.objects.filter(
            sample__inspection=inspection, selection=Selection.SAMPLED
        ).values_list("sample_id", "ldu__name")
    )
    tables = []
    for sample in samples:
        strata = list(sample.strata.all())
        tables.append(
            {
                "sample": sample,
                "explanation": sample.size_explanation.splitlines(),
                "strata": [
                    {
                        "label": s.label,
                        "eligible": s.eligible,
                        "eligible_percent": _percent(s.eligible, sample.eligible),
                        "share": s.share,
                        "sampled": s.sampled,
                        "sampled_percent": _percent(s.sampled, sample.size),
                        "reserves": s.reserves,
                    }
                    for s in strata
                ],
                "ldus": sorted(
                    (ldu, n) for (sample_id, ldu), n in sampled.items() if sample_id == sample.pk
                ),
            }
        )
    can_draw = manage and inspection.status == InspectionStatus.PLANNING
    return render(
        request,
        "inspections/samples.html",
        {"inspection": inspection, "tables": tables, "form": form, "can_draw": can_draw},
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


@require_GET
def sample_cases(request: HttpRequest, pk: int, sample_pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    sample = get_object_or_404(inspection.samples, pk=sample_pk)
    cases = (
        SampledCase.objects.filter(sample=sample)
        .select_related("case", "ldu", "replaced_by__case", "assessment__assigned_to")
        .order_by("order")
    )
    return render(
        request,
        "inspections/sample.html",
        {
            "inspection": inspection,
            "sample": sample,
            "cases": cases,
            "can_replace": may_manage(request.user, inspection)
            and inspection.status in (InspectionStatus.PLANNING, InspectionStatus.FIELDWORK),
        },
    )


@require_http_methods(["GET", "POST"])
def replace_page(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    sampled = get_object_or_404(
        SampledCase.objects.select_related("case", "sample"),
        pk=case_pk,
        sample__inspection=inspection,
    )
    form = ReplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reserve = replace_case(sampled, form.cleaned_data["reason"], actor=request.user)
        except Problems as exc:
            show_problems(form, exc)
        except Refused as exc:
            form.add_error(None, exc.message[:1].upper() + exc.message[1:])
            form.govuk_attrs()
        else:
            messages.success(
                request,
                f"Case {sampled.case.case_id} replaced by reserve {reserve.case.case_id}",
            )
            return redirect("inspections:sample", pk=pk, sample_pk=sampled.sample_id)
    return render(
        request,
        "inspections/replace.html",
        {"inspection": inspection, "sampled": sampled, "form": form},
    )


@require_GET
def assignment_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    cases = (
        CaseAssessment.objects.filter(inspection=inspection)
        .select_related("sampled_case__case", "sampled_case__sample", "assigned_to")
        .order_by("sampled_case__sample_id", "sampled_case__order")
    )
    team = team_of(inspection)
    load = Counter(c.assigned_to_id for c in cases)
    return render(
        request,
        "inspections/assign.html",
        {
            "inspection": inspection,
            "cases": cases,
            "team": [(person, load[person.pk]) for person in team],
            "unassigned": load[None],
        },
    )


@require_POST
def assign_one(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    case = get_object_or_404(CaseAssessment, pk=case_pk, inspection=inspection)
    who = request.POST.get("inspector", "")
    person = User.objects.filter(pk=who).first() if who.isdigit() else None
    if who and person is None:
        messages.error(request, "Choose an inspector of the team")
        return redirect("inspections:assign", pk=pk)
    try:
        assign_case(case, person, actor=request.user)
    except (Refused, Problems) as exc:
        refused(request, exc)
    else:
        to = person.get_username() if person else "nobody"
        messages.success(request, f"Case {case} assigned to {to}")
    return redirect("inspections:assign", pk=pk)


@require_POST
def assign_evenly(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _managed(request, pk)
    chosen = [int(p) for p in request.POST.getlist("inspectors") if p.isdigit()]
    people = list(User.objects.filter(pk__in=chosen)) if chosen else None
    try:
        given = assign_balanced(inspection, inspectors=people, actor=request.user)
    except (Refused, Problems) as exc:
        refused(request, exc)
    else:
        messages.success(request, f"{given} case{'s' if given != 1 else ''} assigned evenly")
    return redirect("inspections:assign", pk=pk)


@require_GET
def case_list_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The provider's case list (which cases were sampled, never an answer), CSV or XLSX."""
    from sufficiency.web.inspections import export

    inspection = inspection_for(request, pk)
    kind = request.GET.get("format", "csv")
    try:
        if kind == "xlsx":
            body: str | bytes = export.case_list_xlsx(inspection, actor=request.user)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif kind == "csv":
            body = export.case_list_csv(inspection, actor=request.user)
            content_type = "text/csv; charset=utf-8"
        else:
            raise Http404("the case list comes as csv or xlsx")
    except Refused as exc:
        raise PermissionDenied(exc.message) from None
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="case-list-{inspection.pk}.{kind}"'
    return response
