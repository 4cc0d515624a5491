"""The ways an inspection-workflow action is refused, shared by the inspection and assessment
services. Views and the API map them: Refused → 403, Conflict → 409, Problems → 422."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: the field it is in (a question id, a column, a form
    field) and what is wrong, in words. The one shape of every input error here."""

    field: str
    message: str
    line: int | None = None  # for a file: the line (CSV) or row (worksheet)

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line is not None else ""
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"


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
