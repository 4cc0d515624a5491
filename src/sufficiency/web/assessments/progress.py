"""Reading cases for the dashboards: an inspector's cases with what to do next, and the progress
of an inspection's cases per sample and per inspector (read only; nothing here changes a case)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.visibility import AnyUser, visible_inspections

# What the case's inspector does next, by the case's status.
NEXT_STEP = {
    CaseStatus.QUERIED: "Reply to the lead's query",
    CaseStatus.DRAFT: "Finish the assessment and submit it",
    CaseStatus.NOT_STARTED: "Start the assessment",
    CaseStatus.SUBMITTED: "Nothing: waiting for the lead inspector",
    CaseStatus.QUALITY_ASSURED: "Nothing: quality-assured and locked",
}
_ORDER = list(NEXT_STEP)  # the cases needing the inspector first


def my_cases(user: AnyUser) -> list[CaseAssessment]:
    """The cases assigned to ``user`` in inspections they may see, those needing them first;
    each with ``open_queries`` and ``next_step``."""
    cases: list[CaseAssessment] = list(
        CaseAssessment.objects.filter(
            assigned_to_id=getattr(user, "pk", None),
            inspection__in=visible_inspections(user).values("pk"),
        )
        .select_related("sampled_case__case", "sampled_case__sample", "inspection__provider")
        .annotate(open_queries=Count("queries", filter=~Q(queries__status="resolved")))
    )
    for case in cases:
        case.next_step = NEXT_STEP[CaseStatus(case.status)]  # type: ignore[attr-defined]
    cases.sort(
        key=lambda c: (_ORDER.index(CaseStatus(c.status)), c.inspection_id, c.sampled_case.order)
    )
    return cases


@dataclass
class Progress:
    """Counts of cases by status for one sample or one inspector."""

    name: str
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def row(self) -> list[int]:
        return [self.counts[s] for s in CaseStatus.values]


def inspection_progress(inspection: Inspection) -> dict[str, Any]:
    """The inspection's cases by status: per sample, per inspector, and in all."""
    cases: QuerySet[Any] = (
        CaseAssessment.objects.filter(inspection=inspection)
        .values("status", "sampled_case__sample__name", "assigned_to__username")
        .annotate(n=Count("id"))
    )
    samples: dict[str, Progress] = {}
    people: dict[str, Progress] = {}
    total = Progress("All cases")
    for row in cases:
        sample = row["sampled_case__sample__name"]
        person = row["assigned_to__username"] or "Not assigned"
        samples.setdefault(sample, Progress(sample)).counts[row["status"]] += row["n"]
        people.setdefault(person, Progress(person)).counts[row["status"]] += row["n"]
        total.counts[row["status"]] += row["n"]
    return {
        "statuses": CaseStatus.labels,
        "samples": sorted(samples.values(), key=lambda p: p.name),
        "people": sorted(people.values(), key=lambda p: p.name),
        "total": total,
    }
