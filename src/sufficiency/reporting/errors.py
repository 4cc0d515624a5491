"""Why a report cannot be built: every problem, each with the place it is in and the reason.

The project has no shared problem type yet (the framework loader, the ratings engine and the
published parser each have their own); this one follows theirs: a place and a message, listed
all together rather than one at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportProblem:
    """One thing that stops a report being built.

    ``place`` names where it is, in the report's own terms ("standard 2.1 key findings, paragraph
    2", or a field of a report data file such as "narrative.standards[0].key_findings").
    """

    place: str
    message: str
    source: str | None = None  # the file it came from, where it came from one

    def __str__(self) -> str:
        where = f"{self.source}: {self.place}" if self.source else self.place
        return f"{where}: {self.message}"


class ReportError(Exception):
    """A report that cannot be built; ``problems`` lists every reason found."""

    def __init__(self, problems: Sequence[ReportProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
