"""The report's publication workflow: draft → factual accuracy check → published (→ reissued).

One service function per change: it checks (the role table's permission and the object rule in
``reports.access``, the report's version), makes the django-fsm-2 transition, saves and audits.
Publishing freezes every format of the report as a ``PublishedVersion`` and stores its figures,
read back by the published-report parser, in the benchmark (``published.services``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from sufficiency.reporting import ReportError, build_report
from sufficiency.reporting.formats import ReportFormat, render
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections import lifecycle
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import Inspection, InspectionKind, InspectionStatus
from sufficiency.web.inspections.permissions import acting_user
from sufficiency.web.published import services as published_services
from sufficiency.web.reports.access import require_commenter, require_publisher, require_writer
from sufficiency.web.reports.data import report_data, report_of
from sufficiency.web.reports.flow import freeze
from sufficiency.web.reports.models import (
    AccuracyComment,
    InspectionReport,
    PublishedVersion,
    ReportStatus,
    Resolution,
)
from sufficiency.web.reports.narrative import bump
from sufficiency.web.reports.paragraphs import Paragraph, paragraphs


def _locked(inspection: Inspection, version: int) -> InspectionReport:
    from sufficiency.web.reports.errors import ReportChanged

    report_of(inspection)
    report = InspectionReport.objects.select_for_update().get(inspection=inspection)
    if report.version != version:
        raise ReportChanged(version, report.version)
    return report


def _move(report: InspectionReport, step: str, actor: Actor, detail: dict[str, object]) -> None:
    before = report.status
    try:
        getattr(report, step)()
    except TransitionNotAllowed:
        raise Refused(f"a report in {report.get_status_display().lower()} cannot do that") from None
    bump(report)
    record(
        actor,
        Action.REPORT_STATUS_CHANGED,
        report,
        {"from": before, "to": report.status, **detail},
    )


def _built(inspection: Inspection) -> list[Paragraph]:
    try:
        return paragraphs(build_report(report_data(inspection)))
    except ReportError as exc:
        raise Problems("the report cannot be built", exc.problems) from None


def send_for_factual_accuracy(inspection: Inspection, *, version: int, actor: Actor) -> None:
    """Draft → factual accuracy check, once the ratings panel has signed off (the inspection is
    in reporting, or published for a reissue) and the draft builds. The provider's quality team now sees it."""
    require_writer(actor, inspection)
    if inspection.status not in (InspectionStatus.REPORTING, InspectionStatus.PUBLISHED):
        raise Refused("the report goes to the provider once the inspection is in reporting")
    with transaction.atomic():
        report = _locked(inspection, version)
        _built(inspection)
        _move(report, "send_for_factual_accuracy", actor, {})


def return_to_draft(inspection: Inspection, *, version: int, actor: Actor) -> None:
    """Factual accuracy check → draft: the provider no longer sees it; its comments are kept."""
    require_writer(actor, inspection)
    with transaction.atomic():
        _move(_locked(inspection, version), "return_to_draft", actor, {})


def comment(
    inspection: Inspection, paragraph_id: str, text: str, *, actor: Actor
) -> AccuracyComment:
    """A provider's comment on one paragraph of the draft, as it reads now."""
    require_commenter(actor, inspection)
    user = acting_user(actor)
    assert user is not None  # require_commenter refuses anyone else
    if not text.strip():
        raise Problems("no comment", [problem("text", "write the comment")])
    shown = {p.id: p for p in _built(inspection)}
    if paragraph_id not in shown:
        raise Problems(
            "no such paragraph",
            [problem("paragraph", "no such paragraph in the draft", paragraph_id)],
        )
    with transaction.atomic():
        made = AccuracyComment.objects.create(
            report=report_of(inspection),
            paragraph=paragraph_id,
            paragraph_text=shown[paragraph_id].text,
            text=text.strip(),
            by=user,
        )
        record(
            actor,
            Action.ACCURACY_COMMENT_MADE,
            made.report,
            {"comment": made.pk, "paragraph": paragraph_id},
        )
    return made


def resolve(
    inspection: Inspection, comment_pk: int, resolution: Resolution, note: str, *, actor: Actor
) -> AccuracyComment:
    """The lead accepts or rejects a comment, with a note; both stay with the report."""
    require_writer(actor, inspection)
    if resolution == Resolution.OPEN:
        raise Problems("choose", [problem("resolution", "accept or reject the comment")])
    if not note.strip():
        raise Problems("no note", [problem("note", "give a note: what was done, or why not")])
    with transaction.atomic():
        found = (
            AccuracyComment.objects.select_for_update()
            .filter(report__inspection=inspection, pk=comment_pk)
            .first()
        )
        if found is None:
            raise Refused("no such comment on this report")
        if found.resolution != Resolution.OPEN:
            raise Refused("this comment is already resolved")
        if found.report.status != ReportStatus.FACTUAL_ACCURACY:
            raise Refused("comments are resolved during the factual accuracy check")
        found.resolution, found.note = resolution, note.strip()
        found.resolved_by, found.resolved_at = acting_user(actor), timezone.now()
        found.save()
        record(
            actor,
            Action.ACCURACY_COMMENT_RESOLVED,
            found.report,
            {"comment": found.pk, "resolution": resolution.value, "note": found.note},
        )
    return found


def publish(inspection: Inspection, *, version: int, actor: Actor) -> PublishedVersion:
    """Factual accuracy check → published, once every comment is resolved: the report in every
    format is frozen as a new version and, for an HMIP inspection, its figures (as the published
    parser reads the PDF back) join the benchmark. The inspection moves to published."""
    require_publisher(actor, inspection)
    with transaction.atomic():
        report = _locked(inspection, version)
        open_comments = report.accuracy_comments.filter(resolution=Resolution.OPEN).count()
        if open_comments:
            raise Refused(f"{open_comments} factual accuracy comment(s) are not yet resolved")
        if report.status != ReportStatus.FACTUAL_ACCURACY:
            raise Refused("only a report through the factual accuracy check is published")
        today = timezone.localdate()
        try:
            built = build_report(report_data(inspection, publication=today))
        except ReportError as exc:
            raise Problems("the report cannot be built", exc.problems) from None
        files = {fmt: render(built, fmt) for fmt in ReportFormat}
        number = report.published_versions.count() + 1
        benchmark_id = None
        if inspection.kind == InspectionKind.INSPECTION:
            name = f"inspection-{inspection.pk}-report-v{number}.pdf"
            try:
                parsed = published_services.parse_bytes(files[ReportFormat.PDF]["report.pdf"], name)
                benchmark_id = published_services.store(parsed, actor).report.pk
            except published_services.ReportRejected as exc:
                raise Refused(f"the benchmark cannot take the report's figures: {exc}") from None
        published = PublishedVersion.objects.create(
            report=report,
            number=number,
            files=freeze(files),
            published_by=acting_user(actor),
            publication_date=today,
            reissue_reason=report.reissue_reason,
            benchmark_report_id=benchmark_id,
        )
        report.reissue_reason = ""
        _move(report, "publish", actor, {"version": number, "benchmark_report": benchmark_id})
        record(actor, Action.REPORT_PUBLISHED, report, {"version": number})
        if inspection.status == InspectionStatus.REPORTING:
            lifecycle.publish(inspection, actor=actor)
    return published


def reissue(inspection: Inspection, reason: str, *, version: int, actor: Actor) -> None:
    """Published → draft again, for a new version: only with a recorded reason. The published
    versions stay as they were; the next publication is a new one, carrying this reason."""
    require_publisher(actor, inspection)
    if not reason.strip():
        raise Problems("no reason", [problem("reason", "give the reason for reissuing the report")])
    with transaction.atomic():
        report = _locked(inspection, version)
        report.reissue_reason = reason.strip()
        _move(report, "reissue", actor, {"reason": report.reissue_reason})
        record(actor, Action.REPORT_REISSUED, report, {"reason": report.reissue_reason})
