"""Moderation: the lead's list of submitted cases per inspector, and the actions on a case page:
open a query (on the case or one answer), reply (the inspector, who may change the answer),
resolve, quality-assure (locks the case), unlock with a reason. Each is one service call."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sufficiency.web.assessments import moderation, reading
from sufficiency.web.assessments.errors import Conflict
from sufficiency.web.assessments.forms import JUDGEMENT_WORDS
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus, Query
from sufficiency.web.assessments.views import case_for, may_moderate
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.inspections.views import inspection_for
from sufficiency.web.inspections.visibility import is_lead

MODERATED = (CaseStatus.SUBMITTED, CaseStatus.QUERIED, CaseStatus.QUALITY_ASSURED)


def _back(request: HttpRequest, pk: int, case_pk: int, anchor: str = "") -> HttpResponse:
    response = redirect("assessments:case", pk=pk, case_pk=case_pk)
    response["Location"] += anchor
    return response


def _moderated(request: HttpRequest, pk: int, case_pk: int) -> CaseAssessment:
    """The case, if the user moderates it (its inspection's lead); 403 otherwise."""
    case = case_for(request, pk, case_pk)
    if not may_moderate(request.user, case):
        raise PermissionDenied("moderation is the inspection lead's")
    return case


def _error(request: HttpRequest, exc: Refused | Problems | Conflict) -> None:
    text = exc.message[:1].upper() + exc.message[1:]
    if isinstance(exc, Problems):
        text += ": " + "; ".join(p.message for p in exc.problems)
    messages.error(request, text)


@require_GET
def moderation_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(request, pk)
    if not (
        request.user.has_perm("assessments.moderate_case")
        and (is_lead(request.user, inspection) or request.user.is_superuser)
    ):
        raise PermissionDenied("moderation is the inspection lead's")
    cases = (
        reading.cases_of(inspection)
        .filter(status__in=MODERATED)
        .annotate(open_queries=Count("queries", filter=~Q(queries__status="resolved")))
    )
    by_inspector: dict[str, list[Any]] = defaultdict(list)
    for case in cases:
        who = case.assigned_to.get_username() if case.assigned_to else "Not assigned"
        by_inspector[who].append(case)
    return render(
        request,
        "assessments/moderation.html",
        {"inspection": inspection, "groups": sorted(by_inspector.items())},
    )


@require_POST
def open_query(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    case = _moderated(request, pk, case_pk)
    question = request.POST.get("question_id", "")
    try:
        query = moderation.open_query(
            case, request.POST.get("text", ""), question_id=question, actor=request.user
        )
    except (Refused, Problems) as exc:
        _error(request, exc)
        return _back(request, pk, case_pk, "#open-query")
    messages.success(request, "Query sent to the inspector")
    return _back(request, pk, case_pk, f"#query-{query.pk}")


@require_POST
def reply(request: HttpRequest, pk: int, case_pk: int, query_pk: int) -> HttpResponse:
    case = case_for(request, pk, case_pk)
    if request.user.pk != case.assigned_to_id:
        raise PermissionDenied("a query is answered by the case's inspector")
    query = get_object_or_404(Query, pk=query_pk, case=case)
    change_to = request.POST.get("change_to") or None
    if change_to is not None and change_to not in JUDGEMENT_WORDS:
        messages.error(request, "Change the answer to yes, no or not applicable")
        return _back(request, pk, case_pk, f"#query-{query.pk}")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = case.version
    try:
        moderation.reply_to_query(
            query,
            request.POST.get("text", ""),
            change_to=change_to,
            version=version,
            actor=request.user,
        )
    except (Refused, Problems, Conflict) as exc:
        _error(request, exc)
    else:
        messages.success(request, "Reply sent to the lead inspector")
    return _back(request, pk, case_pk, f"#query-{query.pk}")


@require_POST
def resolve(request: HttpRequest, pk: int, case_pk: int, query_pk: int) -> HttpResponse:
    case = _moderated(request, pk, case_pk)
    query = get_object_or_404(Query, pk=query_pk, case=case)
    try:
        moderation.resolve_query(query, actor=request.user)
    except (Refused, Problems) as exc:
        _error(request, exc)
    else:
        messages.success(request, "Query resolved")
    return _back(request, pk, case_pk)


@require_POST
def quality_assure(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    case = _moderated(request, pk, case_pk)
    try:
        moderation.quality_assure(case, actor=request.user)
    except (Refused, Problems) as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Case {case} is quality-assured and locked")
    return _back(request, pk, case_pk)


@require_POST
def unlock(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    case = _moderated(request, pk, case_pk)
    try:
        moderation.unlock_case(case, request.POST.get("reason", ""), actor=request.user)
    except (Refused, Problems) as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Case {case} unlocked")
    return _back(request, pk, case_pk)
