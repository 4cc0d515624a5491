"""Why a report cannot be built: the project's one problem shape, every problem at once.

Each problem is a ``framework.problems.Problem``: ``field`` names the place in the report's own
terms ("practice example 1 (standard 2.2 (Planning)), paragraph 2") or in the report data file
("methodology.samples[0].size"), ``value`` what was found there, ``reason`` why it stops the
build; ``source`` names the file, where the data came from one.
"""

from __future__ import annotations

from sufficiency.framework.problems import Problem, ProblemsError


class ReportError(ProblemsError):
    """A report that cannot be built; ``problems`` lists every reason found."""


def problem(
    place: str, reason: str, value: str | None = None, source: str | None = None
) -> Problem:
    """A problem at a place in the report or its data."""
    return Problem(source=source, field=place, value=value, reason=reason)
