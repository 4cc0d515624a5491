"""The one flow the report pages and ``sufficiency report build --inspection`` call.

A report not yet published is built from the inspection's records now (a draft: the cover says
so); a published one is served exactly as published, from its frozen version.
"""

from __future__ import annotations

import base64

from sufficiency.reporting.formats import ReportFormat, report_files
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.reports.access import require_reader
from sufficiency.web.reports.data import report_data, report_of
from sufficiency.web.reports.models import PublishedVersion, ReportStatus

PDF_FILES = frozenset({"report.pdf"})  # stored as base64 in a version's JSON


def build(inspection: Inspection, output_format: ReportFormat, *, actor: Actor) -> dict[str, bytes]:
    """File name → content: the draft as the records give it now, or the published version.

    Raises ``reporting.ReportError`` (every problem with its place) for a draft that cannot be
    built, e.g. words naming a case."""
    require_reader(actor, inspection)
    report = report_of(inspection)
    latest = latest_version(inspection)
    if report.status == ReportStatus.PUBLISHED and latest is not None:
        files = version_files(latest, output_format)
        what = f"published version {latest.number}"
    else:
        files = report_files(report_data(inspection), output_format)
        what = "draft"
    record(actor, Action.REPORT_BUILT, report, {"format": output_format.value, "what": what})
    return files


def latest_version(inspection: Inspection) -> PublishedVersion | None:
    return PublishedVersion.objects.filter(report__inspection=inspection).order_by("number").last()


def freeze(files_by_format: dict[ReportFormat, dict[str, bytes]]) -> dict[str, dict[str, str]]:
    """Every format's files as JSON-storable text."""
    return {
        fmt.value: {
            name: base64.b64encode(content).decode("ascii")
            if name in PDF_FILES
            else content.decode("utf-8")
            for name, content in files.items()
        }
        for fmt, files in files_by_format.items()
    }


def version_files(version: PublishedVersion, output_format: ReportFormat) -> dict[str, bytes]:
    stored: dict[str, str] = version.files[output_format.value]
    return {
        name: base64.b64decode(text) if name in PDF_FILES else text.encode("utf-8")
        for name, text in stored.items()
    }
