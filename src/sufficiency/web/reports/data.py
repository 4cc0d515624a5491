"""An inspection's records → the report core's ``ReportData``, the one place that reads them.

- Ratings: ``results.services.live`` (the counted cases, the domain-one judgements and the ratings
  panel's decisions), the same result ``GET /api/inspections/{id}/ratings`` gives.
- Methodology: the local delivery units and the samples as drawn (eligible population, window,
  confidence, margin, the framework's stratification variables); each sample's size is its
  counted cases (those the figures come from); interviews are the cases whose responsible
  officer was interviewed, meetings the domain-one evidence recorded as meetings.
- Breakdowns: every key question's yes and no per local delivery unit (the core suppresses
  small groups).
- Case identifiers: every case on the inspection's sample lists, for the core's guard.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from sufficiency.ratings import Judgement
from sufficiency.ratings.breakdowns import Grouping
from sufficiency.reporting import (
    DomainNarrative,
    GroupBreakdown,
    GroupFigure,
    InspectionDates,
    Methodology,
    Narrative,
    PracticeExample,
    Provider,
    Recommendation,
    ReportData,
    SampleFacts,
    StandardNarrative,
)
from sufficiency.web.inspections.models import Inspection, SampledCase
from sufficiency.web.reports.models import InspectionReport
from sufficiency.web.results import services as results
from sufficiency.web.results.models import EvidenceEntry, EvidenceKind
from sufficiency.web.results.recorded import framework_of

# A day in a sample's stored window description ("supervision_start from 2018-06-01 to ...").
WINDOW_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def report_of(inspection: Inspection) -> InspectionReport:
    report, _ = InspectionReport.objects.get_or_create(inspection=inspection)
    return report


def report_data(inspection: Inspection, publication: dt.date | None = None) -> ReportData:
    """Everything the report is built from, read from the inspection's records now."""
    live = results.live(inspection)
    framework = live.framework
    report = report_of(inspection)
    counted = Counter(case.sample for case in live.counting.counted)
    counted_keys = {(case.id, case.sample) for case in live.counting.counted}
    ldu_of = live.recorded.groups[Grouping.LDU]
    interviewed = live.recorded.groups[Grouping.INTERVIEWED]
    ldus = tuple(inspection.ldus.order_by("name").values_list("name", flat=True))
    return ReportData(
        provider=Provider(inspection.provider.name, inspection.provider.get_kind_display()),
        dates=InspectionDates(
            fieldwork_start=inspection.fieldwork_start or inspection.reference_date,
            fieldwork_end=inspection.fieldwork_end
            or inspection.fieldwork_start
            or inspection.reference_date,
            publication=publication,
        ),
        framework=framework,
        ratings=live.result,
        methodology=Methodology(
            local_delivery_units=ldus or tuple(sorted(set(ldu_of.values()))),
            samples=_samples(inspection, counted),
            interviews=sum(1 for key in counted_keys if interviewed.get(key) == "Yes"),
            meetings=EvidenceEntry.objects.filter(
                inspection=inspection, kind=EvidenceKind.MEETING
            ).count(),
        ),
        narrative=narrative_of(report),
        breakdowns=_breakdowns(live, counted_keys, ldu_of),
        case_identifiers=case_identifiers(inspection),
        lead_inspector=inspection.lead.get_full_name() or None,
    )


def narrative_of(report: InspectionReport) -> Narrative:
    """What the inspectors wrote, as the core's plain values."""
    return Narrative(
        foreword=report.foreword,
        overall_findings=report.overall_findings,
        domains=tuple(
            DomainNarrative(d.domain_id, d.summary, d.strengths, d.areas_for_improvement)
            for d in report.domains.all()
        ),
        standards=tuple(
            StandardNarrative(s.standard_id, s.key_findings) for s in report.standards.all()
        ),
        practice_examples=tuple(
            PracticeExample(e.standard_id, e.title, e.text) for e in report.practice_examples.all()
        ),
        recommendations=tuple(Recommendation(r.to, r.what) for r in report.recommendations.all()),
    )


def case_identifiers(inspection: Inspection) -> frozenset[str]:
    """Every case on the inspection's sample lists: sampled, reserve or replaced."""
    return frozenset(
        SampledCase.objects.filter(sample__inspection=inspection).values_list(
            "case__case_id", flat=True
        )
    )


def _samples(inspection: Inspection, counted: Counter[str]) -> tuple[SampleFacts, ...]:
    framework_samples = framework_of(inspection).samples
    out = []
    for sample in inspection.samples.order_by("id"):
        spec = framework_samples.get(sample.sample_type)
        days = [dt.date(int(y), int(m), int(d)) for y, m, d in WINDOW_DAY.findall(sample.window)]
        start = days[0] if days else inspection.reference_date
        end = days[1] if len(days) > 1 else inspection.reference_date
        out.append(
            SampleFacts(
                id=sample.sample_type,
                name=sample.name,
                size=counted.get(sample.sample_type, 0),
                eligible_population=sample.eligible,
                window_start=start,
                window_end=end,
                confidence=sample.confidence,
                margin_of_error=sample.margin_of_error,
                stratification=spec.strata if spec else (),
            )
        )
    return tuple(out)


def _breakdowns(
    live: results.LiveResults,
    counted_keys: set[tuple[str, str]],
    ldu_of: dict[tuple[str, str], str],
) -> tuple[GroupBreakdown, ...]:
    yes: Counter[tuple[str, str]] = Counter()
    no: Counter[tuple[str, str]] = Counter()
    for answer in live.recorded.answers:
        key = live.recorded.key_of(answer)
        if key not in counted_keys:
            continue
        if answer.judgement is Judgement.YES:
            yes[(ldu_of.get(key, ""), answer.question_id)] += 1
        elif answer.judgement is Judgement.NO:
            no[(ldu_of.get(key, ""), answer.question_id)] += 1
    groups = sorted({group for group, _ in yes + no})
    return tuple(
        GroupBreakdown(
            group,
            tuple(
                GroupFigure(q, yes[(group, q)], no[(group, q)])
                for q in live.framework.key_questions
                if (group, q) in yes or (group, q) in no
            ),
        )
        for group in groups
    )
