"""The words of the report: one service per change. Each checks that the actor is the
inspection's lead writer, that the report is not published (a published report changes only by a
recorded reissue) and has not changed since the page was read, saves, runs the core's guard (words
naming a case are refused, naming the place, and nothing is stored) and audits the change."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.db import transaction
from django.db.models import F, Model

from sufficiency.reporting import ReportError
from sufficiency.reporting.guard import check_no_case_identifiers
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.core.limits import length_problems
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.reports.access import require_writer
from sufficiency.web.reports.data import report_data, report_of
from sufficiency.web.reports.errors import ReportChanged
from sufficiency.web.reports.models import (
    DomainText,
    InspectionReport,
    PracticeExample,
    Recommendation,
    ReportStatus,
    StandardText,
)
from sufficiency.web.results.recorded import framework_of


def open_report(inspection: Inspection, version: int) -> InspectionReport:
    """The report, locked for a change; refused once published or changed since ``version``."""
    report_of(inspection)
    report = InspectionReport.objects.select_for_update().get(inspection=inspection)
    if report.version != version:
        raise ReportChanged(version, report.version)
    if report.status == ReportStatus.PUBLISHED:
        raise Refused("the report is published: reissue it, giving the reason, to change it")
    return report


def bump(report: InspectionReport) -> None:
    report.version = F("version") + 1
    report.save()
    report.refresh_from_db()


def _bounded(model: type[Model], values: Mapping[str, str]) -> None:
    found = [
        problem(name, message)
        for name, value in values.items()
        for message in length_problems(model, {name: value})
    ]
    if found:
        raise Problems("too long", found)


def _change(
    inspection: Inspection,
    version: int,
    actor: Actor,
    what: str,
    apply: Callable[[InspectionReport], dict[str, object]],
) -> InspectionReport:
    require_writer(actor, inspection)
    with transaction.atomic():
        report = open_report(inspection, version)
        detail = apply(report)
        try:
            check_no_case_identifiers(report_data(inspection))
        except ReportError as exc:
            raise Problems("the words name a case", exc.problems) from None
        bump(report)
        record(actor, Action.REPORT_TEXT_SAVED, report, {"part": what, **detail})
    return report


def save_overall(
    inspection: Inspection, foreword: str, overall_findings: str, *, version: int, actor: Actor
) -> InspectionReport:
    def apply(report: InspectionReport) -> dict[str, object]:
        report.foreword, report.overall_findings = foreword, overall_findings
        report.save(update_fields=["foreword", "overall_findings"])
        return {}

    return _change(inspection, version, actor, "foreword and overall findings", apply)


def save_domain(
    inspection: Inspection,
    domain_id: str,
    *,
    summary: str,
    strengths: str,
    areas_for_improvement: str,
    version: int,
    actor: Actor,
) -> InspectionReport:
    if domain_id not in {d.id for d in framework_of(inspection).domains}:
        raise Problems("unknown domain", [problem("domain", "no such domain", domain_id)])

    def apply(report: InspectionReport) -> dict[str, object]:
        DomainText.objects.update_or_create(
            report=report,
            domain_id=domain_id,
            defaults={
                "summary": summary,
                "strengths": strengths,
                "areas_for_improvement": areas_for_improvement,
            },
        )
        return {"domain": domain_id}

    return _change(inspection, version, actor, f"domain {domain_id}", apply)


def save_standard(
    inspection: Inspection, standard_id: str, key_findings: str, *, version: int, actor: Actor
) -> InspectionReport:
    if standard_id not in framework_of(inspection).standards:
        raise Problems("unknown standard", [problem("standard", "no such standard", standard_id)])

    def apply(report: InspectionReport) -> dict[str, object]:
        StandardText.objects.update_or_create(
            report=report, standard_id=standard_id, defaults={"key_findings": key_findings}
        )
        return {"standard": standard_id}

    return _change(inspection, version, actor, f"standard {standard_id}", apply)


def flagged_cases(inspection: Inspection) -> list[CaseAssessment]:
    """The cases their inspectors flagged as practice examples in assessment."""
    return list(
        CaseAssessment.objects.filter(inspection=inspection, practice_example=True)
        .select_related("sampled_case__sample")
        .order_by("sampled_case__sample__id", "sampled_case__order")
    )


def add_practice_example(
    inspection: Inspection,
    case_pk: int,
    standard_id: str,
    *,
    title: str,
    text: str,
    version: int,
    actor: Actor,
) -> InspectionReport:
    case = next((c for c in flagged_cases(inspection) if c.pk == case_pk), None)
    if case is None:
        raise Problems(
            "not a flagged case",
            [problem("case", "choose a case flagged as a practice example in assessment")],
        )
    framework = framework_of(inspection)
    standard = framework.standards.get(standard_id)
    if standard is None or (
        standard.sample and standard.sample != case.sampled_case.sample.sample_type
    ):
        raise Problems(
            "wrong standard",
            [problem("standard", "choose a standard rated from this case's sample", standard_id)],
        )
    _bounded(PracticeExample, {"title": title})

    def apply(report: InspectionReport) -> dict[str, object]:
        example = PracticeExample.objects.create(
            report=report, case=case, standard_id=standard_id, title=title, text=text
        )
        return {"practice_example": example.pk, "standard": standard_id}

    return _change(inspection, version, actor, "practice example added", apply)


def remove_practice_example(
    inspection: Inspection, example_pk: int, *, version: int, actor: Actor
) -> InspectionReport:
    def apply(report: InspectionReport) -> dict[str, object]:
        deleted, _ = PracticeExample.objects.filter(report=report, pk=example_pk).delete()
        if not deleted:
            raise Refused("no such practice example in this report")
        return {"practice_example": example_pk}

    return _change(inspection, version, actor, "practice example removed", apply)


def add_recommendation(
    inspection: Inspection, to: str, what: str, *, version: int, actor: Actor
) -> InspectionReport:
    _bounded(Recommendation, {"to": to})

    def apply(report: InspectionReport) -> dict[str, object]:
        added = Recommendation.objects.create(report=report, to=to.strip(), what=what.strip())
        return {"recommendation": added.pk}

    return _change(inspection, version, actor, "recommendation added", apply)


def remove_recommendation(
    inspection: Inspection, recommendation_pk: int, *, version: int, actor: Actor
) -> InspectionReport:
    def apply(report: InspectionReport) -> dict[str, object]:
        deleted, _ = Recommendation.objects.filter(report=report, pk=recommendation_pk).delete()
        if not deleted:
            raise Refused("no such recommendation in this report")
        return {"recommendation": recommendation_pk}

    return _change(inspection, version, actor, "recommendation removed", apply)
