"""Why a file could not be read as a published inspection report.

Each thing found missing or wrong is a ``Problem``, the one shape every reader of the core reports
input problems in (``sufficiency.framework.problems``): the command line prints one line each,
the JSON refusal lists ``as_dict()`` of each, as the API does for every other input.
"""

from __future__ import annotations

from collections.abc import Sequence

from sufficiency.framework import Problem


class ReportParseError(Exception):
    """A file that is not a usable published inspection report.

    ``message`` is one sentence for a person; ``problems`` lists each thing found missing or wrong
    (empty when the message says it all), each a ``Problem`` naming the file and, where there is
    one, the field of the record it leaves unfilled; ``source`` names the file. A problem given
    as plain text is about the file as a whole.
    """

    def __init__(
        self, message: str, problems: Sequence[Problem | str] = (), source: str = "<text>"
    ) -> None:
        self.message = message
        self.problems = tuple(
            p if isinstance(p, Problem) else Problem(source=source, reason=p) for p in problems
        )
        self.source = source
        super().__init__("\n".join([message, *(f"- {p.reason}" for p in self.problems)]))

    def problem_lines(self) -> list[str]:
        """One line per problem, as the command line prints every reader's problems."""
        return [str(p) for p in self.problems]


class UnsupportedReportFormat(ReportParseError):
    """A report recognised as a published format that Sufficiency does not read.

    ``format`` names it, e.g. ``quality-impact-2017``.
    """

    def __init__(
        self,
        message: str,
        format: str,
        problems: Sequence[Problem | str] = (),
        source: str = "<text>",
    ) -> None:
        self.format = format
        super().__init__(message, problems, source)


class TruncatedReport(ReportParseError):
    """A report whose text ends before parts its own contents page lists.

    ``missing`` names those parts, as the contents list them."""

    def __init__(self, message: str, missing: Sequence[str], source: str = "<text>") -> None:
        self.missing = tuple(missing)
        super().__init__(
            message,
            [Problem(source=source, field="contents", reason=f"missing: {p}") for p in missing],
            source,
        )


class ReportTooComplex(ReportParseError):
    """A file too large or too complex to read within the limits set for uploads.

    ``limit`` names the limit it went past (pages, characters, memory, time)."""

    def __init__(self, message: str, limit: str, source: str = "<text>") -> None:
        self.limit = limit
        super().__init__(message, source=source)
