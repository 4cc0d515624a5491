"""The ways an inspection-workflow action is refused, shared by the inspection and assessment
services. Views and the API map them: Refused → 403, Conflict → 409, Problems → 422.

Bad input is reported in the core's one problem shape (``sufficiency.framework.problems``):
the field it is in (a question id, a column, a form field), the value, and the reason in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from sufficiency.framework.problems import Problem


def problem(field: str, reason: str, value: str | None = None) -> Problem:
    """A problem with one field of a request or form."""
    return Problem(field=field, value=value, reason=reason)


class WorkflowError(Exception):
    """An inspection-workflow action that cannot be done."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class Refused(WorkflowError):
    """Not this user's to do, or not in the state the thing is in (e.g. a locked case)."""


class Problems(WorkflowError):
    """Bad input: every problem is listed, and nothing was stored."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(message)
