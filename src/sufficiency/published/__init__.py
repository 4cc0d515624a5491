"""Published inspection reports: text or PDF → checked, structured data, and benchmarks.

- ``parse_report(path)`` reads a report file, text or PDF (told apart by content, not by name);
  ``parse_report_text(text, source)`` reads report text. Both return a ``ParsedReport`` whose
  ``as_dict()`` is the JSON contract of ``sufficiency published parse`` and whose ``fingerprint``
  identifies the parse, or raise ``ReportParseError`` (``UnsupportedReportFormat`` for a
  recognised format Sufficiency does not read, such as the 2017 Quality & Impact reports).
- ``sufficiency.published.benchmark``: pure statistics over stored ``as_dict()`` reports.
"""

from sufficiency.published.errors import ReportParseError, UnsupportedReportFormat
from sufficiency.published.files import parse_report
from sufficiency.published.model import (
    STANDARDS_FORMAT,
    Checks,
    CheckStatus,
    Footnote,
    KeyQuestionFigure,
    OverallCheck,
    PanelAdjustment,
    ParsedReport,
    Recommendation,
    StandardCheck,
    StandardRating,
    report_key,
)
from sufficiency.published.parser import parse_report_text

__all__ = [
    "STANDARDS_FORMAT",
    "CheckStatus",
    "Checks",
    "Footnote",
    "KeyQuestionFigure",
    "OverallCheck",
    "PanelAdjustment",
    "ParsedReport",
    "Recommendation",
    "ReportParseError",
    "StandardCheck",
    "StandardRating",
    "UnsupportedReportFormat",
    "parse_report",
    "parse_report_text",
    "report_key",
]
