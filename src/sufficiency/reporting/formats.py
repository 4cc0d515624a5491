"""The one flow every caller uses: report data → built report → the files of one format.

``sufficiency report build`` and (later) the inspection's report pages both call
``report_files``; neither spells out the steps.
"""

from __future__ import annotations

from enum import StrEnum

from sufficiency.reporting.build import build_report
from sufficiency.reporting.data import ReportData
from sufficiency.reporting.document import Report


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"  # one file per table
    JSON = "json"  # every table in one file


def render(report: Report, output_format: ReportFormat) -> dict[str, bytes]:
    """File name → content. One file, except CSV: one per table."""
    if output_format is ReportFormat.HTML:
        from sufficiency.reporting.html import render_html

        return {"report.html": render_html(report).encode("utf-8")}
    if output_format is ReportFormat.PDF:
        from sufficiency.reporting.pdf import render_pdf

        return {"report.pdf": render_pdf(report)}
    from sufficiency.reporting.tables import tables_csv, tables_json

    if output_format is ReportFormat.CSV:
        return {name: text.encode("utf-8") for name, text in tables_csv(report).items()}
    return {"tables.json": tables_json(report).encode("utf-8")}


def report_files(data: ReportData, output_format: ReportFormat) -> dict[str, bytes]:
    """Build the report (``ReportError`` listing every problem) and render it."""
    return render(build_report(data), output_format)
