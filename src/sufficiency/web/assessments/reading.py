"""Reading cases for pages and the API: the queries and the plain shapes they show."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sufficiency.web.assessments.models import CaseAssessment, QuestionKind
from sufficiency.web.inspections.models import Inspection


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
