"""Why a file could not be read as a published inspection report."""

from __future__ import annotations

from collections.abc import Sequence


class ReportParseError(Exception):
    """A file that is not a usable published inspection report.

    ``message`` is one sentence for a person; ``problems`` lists each thing found missing or wrong
    (empty when the message says it all); ``source`` names the file.
    """

    def __init__(self, message: str, problems: Sequence[str] = (), source: str = "<text>") -> None:
        self.message = message
        self.problems = tuple(problems)
        self.source = source
        super().__init__("\n".join([message, *(f"- {p}" for p in self.problems)]))


class UnsupportedReportFormat(ReportParseError):
    """A report recognised as a published format that Sufficiency does not read.

    ``format`` names it, e.g. ``quality-impact-2017``.
    """

    def __init__(
        self, message: str, format: str, problems: Sequence[str] = (), source: str = "<text>"
    ) -> None:
        self.format = format
        super().__init__(message, problems, source)
