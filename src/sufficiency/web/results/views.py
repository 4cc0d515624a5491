"""The results pages: live results, consistency between inspectors, domain one, the ratings panel.

Every figure on them comes from ``results.services``, which runs the ratings core; the views only
choose what to show and turn the services' refusals into page errors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from sufficiency.framework import RatedBy
from sufficiency.framework.problems import Problem
from sufficiency.ratings.breakdowns import TOO_FEW_CASES, Grouping
from sufficiency.ratings.counting import CaseStatus
from sufficiency.web.assessments.assignment import team_of
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.visibility import visible_inspections
from sufficiency.web.results import domain_one, panel, services
from sufficiency.web.results.double_marking import (
    adopt_second_answer,
    save_second_answers,
    send_for_double_marking,
)
from sufficiency.web.results.errors import PanelChanged
from sufficiency.web.results.forms import (
    BreakdownForm,
    DecisionForm,
    DoubleMarkForm,
    EvidenceForm,
    ReopenForm,
    SecondMarkingForm,
    SignOffForm,
)
from sufficiency.web.results.models import Reopening, SecondAnswer, SecondMarking
from sufficiency.web.results.permissions import (
    allowed,
    require_moderator,
    require_panel,
    require_viewer,
)
from sufficiency.web.results.recorded import framework_of


def _inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    inspection = visible_inspections(request.user).filter(pk=inspection_id).first()
    if inspection is None:
        raise Http404("No such inspection, or not one you may see")
    return inspection


def _check(check: Any, request: HttpRequest, inspection: Inspection) -> None:
    try:
        check(request.user, inspection)
    except Refused as exc:
        raise PermissionDenied(exc.message) from None


def _problems_to_form(form: forms.Form, problems: list[Problem]) -> None:
    """A service's problems as the form's errors, each on its field where the form has it."""
    for found in problems:
        form.add_error(found.field if found.field in form.fields else None, found.reason)
    form.govuk_attrs()  # type: ignore[attr-defined]


def _common(request: HttpRequest, inspection: Inspection, active: str) -> dict[str, Any]:
    return {
        "inspection": inspection,
        "active": active,
        "can_moderate": allowed(require_moderator, request.user, inspection),
        "can_decide": allowed(require_panel, request.user, inspection),
    }


@require_http_methods(["GET"])
@login_required
def live(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _check(require_viewer, request, inspection)
    results = services.live(inspection)
    framework, result = results.framework, results.result
    prompts: dict[str, list[Any]] = {}
    for prompt in results.prompts():
        prompts.setdefault(prompt.key_question_id, []).append(prompt)
    prompt_text = {p.id: p.text for q in framework.key_questions.values() for p in q.prompts}
    standards = []
    for standard in framework.standards.values():
        questions = [
            {
                "question": q,
                "figure": result.key_question(q.id),
                "prompts": [(p, prompt_text[p.id]) for p in prompts.get(q.id, [])],
            }
            for q in standard.key_questions
        ]
        standards.append(
            {"standard": standard, "result": result.standard(standard.id), "questions": questions}
        )
    form = BreakdownForm(request.GET if "by" in request.GET else None)
    table = None
    if form.is_bound and form.is_valid():
        grouping = Grouping(form.cleaned_data["by"])
        table = _breakdown_table(
            framework, services.breakdown_by(inspection, grouping, actor=request.user)
        )
        table["grouping"] = grouping
    return render(
        request,
        "results/live.html",
        {
            **_common(request, inspection, "live"),
            "results": results,
            "standards": standards,
            "counted": len(results.counting.counted),
            "open_cases": [
                {
                    "case": r.case,
                    "status": CaseStatus(r.status).value.replace("_", " "),
                    "inspector": results.recorded.inspectors.get((r.case.id, r.case.sample), ""),
                }
                for r in results.counting.open
            ],
            "samples": framework.samples,
            "form": form,
            "breakdown": table,
            "too_few": TOO_FEW_CASES,
        },
    )


def _breakdown_table(framework: Any, figures: tuple[Any, ...]) -> dict[str, Any]:
    """Key questions as rows and groups as columns; a question only where its sample has cases."""
    groups: list[str] = []
    cells: dict[tuple[str, str], Any] = {}
    for f in figures:
        if f.group not in groups:
            groups.append(f.group)
        cells[(f.question, f.group)] = f
    rows = []
    for q in framework.key_questions.values():
        row = [cells.get((q.id, g)) for g in groups]
        if any(cell is not None for cell in row):
            rows.append({"question": q, "cells": row})
    return {"groups": groups, "rows": rows}


@require_http_methods(["GET", "POST"])
@login_required
def consistency(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _check(require_moderator, request, inspection)
    marked = set(
        SecondMarking.objects.filter(case__inspection=inspection).values_list("case_id", flat=True)
    )
    submitted = [
        c
        for c in CaseAssessment.objects.filter(inspection=inspection)
        .select_related("sampled_case__case", "sampled_case__sample", "assigned_to")
        .order_by("sampled_case__sample_id", "sampled_case__order")
        if CaseStatus(c.status).counts and c.pk not in marked
    ]
    people = team_of(inspection)
    form = DoubleMarkForm(
        request.POST or None,
        cases=[
            (str(c.pk), f"{c.sampled_case.case.case_id} ({c.sampled_case.sample.name}, "
             f"{c.assigned_to.get_username() if c.assigned_to else 'unassigned'})")
            for c in submitted
        ],
        inspectors=[(str(u.pk), u.get_username()) for u in people],
    )  # fmt: skip
    if request.method == "POST" and request.POST.get("action") == "adopt":
        return _adopt(request, inspection)
    if request.method == "POST" and form.is_valid():
        case = next(c for c in submitted if str(c.pk) == form.cleaned_data["case"])
        inspector = next(u for u in people if str(u.pk) == form.cleaned_data["inspector"])
        try:
            send_for_double_marking(case, inspector, actor=request.user)
        except Problems as exc:
            _problems_to_form(form, exc.problems)
        except Refused as exc:
            _problems_to_form(form, [problem("", exc.message)])
        else:
            messages.success(
                request, f"Case {case.sampled_case.case.case_id} sent to {inspector.get_username()}"
            )
            return redirect("results:consistency", inspection_id=inspection.pk)
    framework = framework_of(inspection)
    markings = list(
        SecondMarking.objects.filter(case__inspection=inspection)
        .select_related("case__sampled_case__case", "inspector")
        .prefetch_related("answers")
    )
    marking_of = {m.case.sampled_case.case.case_id: m for m in markings}
    return render(
        request,
        "results/consistency.html",
        {
            **_common(request, inspection, "consistency"),
            "rows": [
                {
                    "agreement": row,
                    "differences": [(d, marking_of.get(d.case_id)) for d in row.disagreements],
                }
                for row in services.agreement(inspection, actor=request.user)
            ],
            "questions": framework.key_questions,
            "markings": markings,
            "form": form,
        },
    )


def _adopt(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    """The lead counts the second marker's answer instead of the first (a button per difference)."""
    marking = get_object_or_404(
        SecondMarking, pk=request.POST.get("marking", "") or 0, case__inspection=inspection
    )
    question_id = request.POST.get("question", "")
    try:
        adopt_second_answer(marking, question_id, actor=request.user)
    except Refused as exc:
        messages.error(request, exc.message)
    except Problems as exc:
        messages.error(request, "; ".join(p.message for p in exc.problems))
    else:
        messages.success(
            request, f"{question_id} now counts {marking.inspector.get_username()}'s answer"
        )
    return redirect("results:consistency", inspection_id=inspection.pk)


@require_http_methods(["GET", "POST"])
@login_required
def second_marking(request: HttpRequest, inspection_id: int, marking_id: int) -> HttpResponse:
    """The second marker's page: the case's key questions, without the first answers."""
    inspection = _inspection(request, inspection_id)
    marking = get_object_or_404(
        SecondMarking.objects.select_related(
            "case__sampled_case__sample", "case__sampled_case__case"
        ),
        pk=marking_id,
        case__inspection=inspection,
    )
    if marking.inspector_id != request.user.pk:
        raise PermissionDenied("only the case's second marker may record the second marking")
    framework = framework_of(inspection)
    case = marking.case
    sample = case.sampled_case.sample.sample_type
    questions = [
        (q.id, q.text)
        for s in framework.standards.values()
        if s.sample == sample
        for q in s.key_questions
        if case.rosh_relevant or not q.relevant_subsample_only
    ]
    stored = {a.question_id: a.judgement for a in SecondAnswer.objects.filter(marking=marking)}
    form = SecondMarkingForm(request.POST or None, initial=stored, questions=questions)
    if request.method == "POST" and form.is_valid():
        answers = {qid: (form.cleaned_data[qid] or None) for qid, _ in questions}
        try:
            save_second_answers(marking, answers, actor=request.user)
        except Problems as exc:
            _problems_to_form(form, exc.problems)
        except Refused as exc:
            raise PermissionDenied(exc.message) from None
        else:
            messages.success(request, "Your second marking is saved")
            return redirect(
                "results:second_marking", inspection_id=inspection.pk, marking_id=marking.pk
            )
    return render(
        request,
        "results/second_marking.html",
        {"inspection": inspection, "marking": marking, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def domain_one_page(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _check(require_viewer, request, inspection)
    results = services.live(inspection)
    framework = results.framework
    judged = [s for s in framework.standards.values() if s.rated_by is RatedBy.JUDGEMENT]
    form = EvidenceForm(
        request.POST or None,
        standards=[(s.id, f"{s.id} {s.name}") for s in judged],
        questions=[(q.id, f"{q.id} {q.text}") for s in judged for q in s.key_questions],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain_one.add_evidence(
                inspection, data["standard_id"], data["kind"], data["date"], data["text"],
                data.get("key_questions", []), actor=request.user,
            )  # fmt: skip
        except Problems as exc:
            _problems_to_form(form, exc.problems)
        except Refused as exc:
            raise PermissionDenied(exc.message) from None
        else:
            messages.success(request, "Evidence added to the log")
            return redirect("results:domain_one", inspection_id=inspection.pk)
    log = domain_one.evidence_log(inspection)
    decided = {d.standard_id: d for d in results.decisions}
    return render(
        request,
        "results/domain_one.html",
        {
            **_common(request, inspection, "domain_one"),
            "standards": [
                {"standard": s, "entries": log.get(s.id, []), "decision": decided.get(s.id)}
                for s in judged
            ],
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def panel_page(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _check(require_viewer, request, inspection)
    the_panel = services.panel_of(inspection)
    version = the_panel.version if the_panel else 1
    signed_off = bool(the_panel and the_panel.signed_off)
    action = request.POST.get("action", "")
    sign_form = SignOffForm(
        request.POST if action == "sign_off" else None, initial={"version": version}
    )
    reopen_form = ReopenForm(
        request.POST if action == "reopen" else None, initial={"version": version}
    )
    if request.method == "POST":
        _check(require_panel, request, inspection)
        form = sign_form if action == "sign_off" else reopen_form
        if form.is_bound and form.is_valid():
            try:
                if action == "sign_off":
                    panel.sign_off(
                        inspection, version=form.cleaned_data["version"], actor=request.user
                    )
                    messages.success(request, "The ratings are signed off and locked")
                else:
                    panel.reopen(
                        inspection, form.cleaned_data["reason"],
                        version=form.cleaned_data["version"], actor=request.user,
                    )  # fmt: skip
                    messages.success(request, "The ratings panel is reopened")
            except Problems as exc:
                _problems_to_form(form, exc.problems)
            except (Refused, PanelChanged) as exc:
                _problems_to_form(form, [problem("", exc.message)])
            else:
                return redirect("results:panel", inspection_id=inspection.pk)
    results = services.live(inspection)
    decided = {d.standard_id: d for d in results.decisions}
    stale = set(results.stale())
    rows = [
        {
            "standard": s,
            "result": results.result.standard(s.id),
            "decision": decided.get(s.id),
            "stale": s.id in stale,
            "driving": results.result.key_question(r.driving_question)
            if (r := results.result.standard(s.id)).driving_question
            else None,
        }
        for s in results.framework.standards.values()
    ]
    changed_since = bool(
        the_panel
        and the_panel.signed_off
        and the_panel.signed_off_result != results.result.as_dict()
    )
    errors_form = sign_form if sign_form.errors else (reopen_form if reopen_form.errors else None)
    return render(
        request,
        "results/panel.html",
        {
            **_common(request, inspection, "panel"),
            "rows": rows,
            "overall": results.result.overall,
            "panel": the_panel,
            "signed_off": signed_off,
            "changed_since": changed_since,
            "reopenings": Reopening.objects.filter(panel=the_panel).select_related("by")
            if the_panel
            else [],
            "sign_form": sign_form,
            "reopen_form": reopen_form,
            "form": errors_form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def decide(request: HttpRequest, inspection_id: int, standard_id: str) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    _check(require_panel, request, inspection)
    results = services.live(inspection)
    standard = results.framework.standards.get(standard_id)
    if standard is None:
        raise Http404("No such standard")
    judgement = standard.rated_by is RatedBy.JUDGEMENT
    the_panel = services.panel_of(inspection)
    existing = next((d for d in results.decisions if d.standard_id == standard.id), None)
    initial: dict[str, object] = {"version": the_panel.version if the_panel else 1}
    if existing:
        initial |= {
            "rating": existing.rating,
            "grounds": existing.grounds,
            "reason": existing.reason,
        }
    form = DecisionForm(request.POST or None, initial=initial, judgement=judgement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            panel.decide(
                inspection, standard.id, data["rating"], grounds=data.get("grounds", ""),
                reason=data["reason"], version=data["version"], actor=request.user,
            )  # fmt: skip
        except Problems as exc:
            _problems_to_form(form, exc.problems)
        except (Refused, PanelChanged) as exc:
            _problems_to_form(form, [problem("", exc.message)])
        else:
            messages.success(request, f"{standard.id} {standard.name}: rating recorded")
            return redirect(
                "results:domain_one" if judgement else "results:panel", inspection_id=inspection.pk
            )
    result = results.result.standard(standard.id)
    return render(
        request,
        "results/decide.html",
        {
            "inspection": inspection,
            "standard": standard,
            "result": result,
            "judgement": judgement,
            "driving": results.result.key_question(result.driving_question)
            if result.driving_question
            else None,
            "form": form,
        },
    )
