"""Reading cases for pages and the API: the queries and the plain shapes they show."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from sufficiency.web.assessments.models import CaseAssessment, CaseStatus, QueryStatus, QuestionKind
from sufficiency.web.inspections.models import Inspection, InspectionStatus


def cases_of(inspection: Inspection) -> QuerySet[CaseAssessment]:
    """The inspection's inspected cases, sample by sample, in list order."""
    return (
        CaseAssessment.objects.filter(inspection=inspection)
        .select_related(
            "sampled_case__sample",
            "sampled_case__case",
            "sampled_case__ldu",
            "assigned_to",
            "inspection",
        )
        .order_by("sampled_case__sample_id", "sampled_case__order")
    )


def inspection_summary(inspection: Inspection) -> dict[str, Any]:
    return {
        "id": inspection.pk,
        "provider": inspection.provider.name,
        "kind": inspection.kind,
        "framework": str(inspection.framework),
        "status": inspection.status,
        "reference_date": inspection.reference_date,
    }


def case_summary(case: CaseAssessment) -> dict[str, Any]:
    sampled = case.sampled_case
    return {
        "id": case.pk,
        "case_id": sampled.case.case_id,
        "sample": sampled.sample.sample_type,
        "stratum": sampled.stratum_key,
        "ldu": sampled.ldu.name,
        "assigned_to": case.assigned_to.get_username() if case.assigned_to else None,
        "status": case.status,
        "rosh_relevant": case.rosh_relevant,
        "version": case.version,
    }


def key_question_answers(case: CaseAssessment) -> dict[str, str]:
    """Key question id → judgement, for the answered key questions."""
    return dict(
        case.answers.filter(kind=QuestionKind.KEY_QUESTION)
        .exclude(judgement="")
        .values_list("question_id", "judgement")
    )


def case_detail(case: CaseAssessment) -> dict[str, Any]:
    return {**case_summary(case), "answers": key_question_answers(case)}


def my_cases(user: User) -> QuerySet[CaseAssessment]:
    """The cases assigned to ``user`` in inspections they may see that are being recorded, with
    the number of unresolved queries on each (``open_queries``)."""
    from sufficiency.web.inspections.visibility import visible_inspections

    return (
        CaseAssessment.objects.filter(
            assigned_to=user,
            inspection__in=visible_inspections(user),
            inspection__status__in=[InspectionStatus.FIELDWORK, InspectionStatus.MODERATION],
        )
        .select_related(
            "sampled_case__sample",
            "sampled_case__case",
            "sampled_case__ldu",
            "inspection__provider",
        )
        .annotate(open_queries=Count("queries", filter=~Q(queries__status=QueryStatus.RESOLVED)))
        .order_by("inspection_id", "sampled_case__sample_id", "sampled_case__order")
    )


def progress(inspection: Inspection, by: str) -> dict[str, dict[str, int]]:
    """How many cases are in each status, per sample (``by="sample"``, by sample type id) or per
    inspector (``by="inspector"``, by username; "" for unassigned cases)."""
    field = {"sample": "sampled_case__sample__sample_type", "inspector": "assigned_to__username"}[
        by
    ]
    out: dict[str, dict[str, int]] = {}
    rows = (
        CaseAssessment.objects.filter(inspection=inspection)
        .values(field, "status")
        .annotate(cases=Count("id"))
        .order_by(field, "status")
    )
    for row in rows:
        counts = out.setdefault(row[field] or "", {status.value: 0 for status in CaseStatus})
        counts[row["status"]] = row["cases"]
    return out
