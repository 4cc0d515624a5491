"""Inspection pages: the list (what the user may see), a new inspection, its page with the state
changes the user may make, and its team. Each action is one service call."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_fsm import can_proceed

from sufficiency.web.inspections import lifecycle
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.inspections.forms import InspectionForm, TeamForm, show_problems
from sufficiency.web.inspections.models import Inspection, InspectionKind
from sufficiency.web.inspections.visibility import is_lead, visible_inspections
from sufficiency.web.providers.models import Provider

# The state changes, in workflow order: the button's words and the service that makes it.
STEPS: dict[str, tuple[str, Any]] = {
    "start_fieldwork": ("Start fieldwork", lifecycle.start_fieldwork),
    "begin_moderation": ("Begin moderation", lifecycle.begin_moderation),
    "convene_ratings_panel": ("Convene the ratings panel", lifecycle.convene_ratings_panel),
    "start_reporting": ("Start reporting", lifecycle.start_reporting),
    "publish": ("Publish", lifecycle.publish),
}


def inspection_for(request: HttpRequest, pk: int) -> Inspection:
    """The inspection, if the user may see it (visibility's rule); 404 otherwise."""
    inspection = visible_inspections(request.user).filter(pk=pk).first()
    if inspection is None:
        raise Http404("no such inspection")
    return inspection


def may_manage(user: Any, inspection: Inspection) -> bool:
    """Whether to offer the lead's actions; the services check again when they are made."""
    return bool(
        user.has_perm("inspections.manage_inspection")
        and (is_lead(user, inspection) or user.is_superuser)
    )


def refused(request: HttpRequest, exc: Refused | Problems) -> None:
    messages.error(request, exc.message[:1].upper() + exc.message[1:])


@require_GET
@permission_required("inspections.view_inspection", raise_exception=True)
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).prefetch_related("inspectors")
    can_create = request.user.has_perm("inspections.add_inspection") or request.user.has_perm(
        "inspections.run_self_audit"
    )
    return render(
        request,
        "inspections/list.html",
        {"inspections": inspections, "can_create": can_create},
    )


def _creatable(user: Any) -> tuple[Any, list[tuple[str, str]]]:
    """The providers and kinds the user may create inspections of (the service checks too)."""
    kinds = []
    if user.has_perm("inspections.add_inspection"):
        kinds.append((InspectionKind.INSPECTION.value, InspectionKind.INSPECTION.label))
    if user.has_perm("inspections.run_self_audit"):
        kinds.append((InspectionKind.SELF_AUDIT.value, InspectionKind.SELF_AUDIT.label))
    providers = Provider.objects.all()
    if not user.has_perm("inspections.add_inspection") and not user.is_superuser:
        providers = providers.filter(quality_team_members=user)
    return providers, kinds


@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    providers, kinds = _creatable(request.user)
    if not kinds:
        raise PermissionDenied
    initial = {"lead": request.user.pk, "kind": kinds[0][0]}
    form = InspectionForm(request.POST or None, initial=initial, providers=providers)
    form.fields["kind"].choices = kinds  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = lifecycle.create_inspection(
                provider=data["provider"],
                kind=InspectionKind(data["kind"]),
                framework=data["framework"],
                reference_date=data["reference_date"],
                fieldwork_start=data["fieldwork_start"],
                fieldwork_end=data["fieldwork_end"],
                lead=data["lead"],
                inspectors=list(data["inspectors"]),
                actor=request.user,
            )
        except Problems as exc:
            show_problems(form, exc)
        except Refused as exc:
            form.add_error(None, exc.message[:1].upper() + exc.message[1:])
            form.govuk_attrs()
        else:
            messages.success(request, f"{inspection} created, in planning")
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/create.html", {"form": form})


@require_GET
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    manage = may_manage(request.user, inspection)
    steps = [
        (name, words)
        for name, (words, _) in STEPS.items()
        if manage and can_proceed(getattr(inspection, name))
    ]
    caseload = getattr(inspection, "caseload", None)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "manage": manage,
            "moderate": manage or is_lead(request.user, inspection),
            "steps": steps,
            "caseload": caseload,
            "ldus": inspection.ldus.all(),
            "samples": inspection.samples.all(),
            "team": inspection.inspectors.all(),
            "can_export": request.user.has_perm("inspections.export_case_list"),
        },
    )


@require_POST
def inspection_advance(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    if not may_manage(request.user, inspection):
        raise PermissionDenied("only the inspection's lead moves it on")
    step = STEPS.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, "That is not a step of the inspection's workflow")
        return redirect("inspections:detail", pk=pk)
    words, service = step
    try:
        service(inspection, actor=request.user)
    except (Refused, Problems) as exc:
        refused(request, exc)
    else:
        messages.success(
            request,
            f"Done: {words.lower()}. The inspection is now in "
            f"{inspection.get_status_display().lower()}",
        )
    return redirect("inspections:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def inspection_team(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    if not may_manage(request.user, inspection):
        raise PermissionDenied
    initial = {"lead": inspection.lead_id, "inspectors": list(inspection.inspectors.all())}
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        lead: User = form.cleaned_data["lead"]
        try:
            lifecycle.set_team(
                inspection,
                lead=lead,
                inspectors=list(form.cleaned_data["inspectors"]),
                actor=request.user,
            )
        except (Refused, Problems) as exc:
            form.add_error(None, exc.message[:1].upper() + exc.message[1:])
            form.govuk_attrs()
        else:
            messages.success(request, "Team saved")
            return redirect("inspections:detail", pk=pk)
    return render(request, "inspections/team.html", {"form": form, "inspection": inspection})
