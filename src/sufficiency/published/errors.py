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


class TruncatedReport(ReportParseError):
    """A report whose text ends before parts its own contents page lists.

    ``missing`` names those parts, as the contents list them."""

    def __init__(self, message: str, missing: Sequence[str], source: str = "<text>") -> None:
        self.missing = tuple(missing)
        super().__init__(message, [f"missing: {part}" for part in self.missing], source)


class ReportTooComplex(ReportParseError):
    """A file too large or too complex to read within the limits set for uploads.

    ``limit`` names the limit it went past (pages, characters, memory, time)."""

    def __init__(self, message: str, limit: str, source: str = "<text>") -> None:
        self.limit = limit
        super().__init__(message, source=source)
