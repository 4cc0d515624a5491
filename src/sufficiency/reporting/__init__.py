"""The inspection report: an inspection's data → a structured report → HTML, PDF, CSV, JSON.

- ``ReportData`` (``reporting.data``) holds everything a report is built from, as plain values:
  the provider, dates, framework, the ratings engine's result, the methodology facts, breakdowns
  by local delivery unit, the narrative (plain text) and the case identifiers it must not name.
- ``build_report(data)`` gives a ``Report`` (``reporting.document``), or raises ``ReportError``
  listing every problem with its place (a case identifier in the narrative stops the build).
- ``render_html``, ``render_pdf`` (tagged PDF/UA-1), ``tables_csv`` and ``tables_json`` write it;
  ``reporting.formats.report_files(data, format)`` is the one flow every caller uses.
- ``reporting.files`` reads ``ReportData`` from a JSON file (shape in ``reporting.schema``), for
  the command line; ``reporting.example`` invents an inspection's data (synthetic).

No Django here: the web's inspection pages and ``sufficiency report build`` call the same core.
"""

from sufficiency.reporting.build import build_report
from sufficiency.reporting.data import (
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
from sufficiency.reporting.document import Report
from sufficiency.reporting.errors import ReportError
from sufficiency.reporting.html import render_html
from sufficiency.reporting.pdf import render_pdf
from sufficiency.reporting.tables import tables_csv, tables_json

__all__ = [
    "DomainNarrative",
    "GroupBreakdown",
    "GroupFigure",
    "InspectionDates",
    "Methodology",
    "Narrative",
    "PracticeExample",
    "Provider",
    "Recommendation",
    "Report",
    "ReportData",
    "ReportError",
    "SampleFacts",
    "StandardNarrative",
    "build_report",
    "render_html",
    "render_pdf",
    "tables_csv",
    "tables_json",
]
