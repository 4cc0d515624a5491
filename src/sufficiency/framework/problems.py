"""Input problems: the one shape in which every reader says what is wrong with what it was given.

A framework file, a caseload, a sample file, ANSWERS.csv, DECISIONS.csv, CASES.csv and a JSON
request body are all reported the same way: where (the source, its physical line), which column,
field or place, the value found, and the reason it cannot be used. The command line prints one
line per problem (``str(problem)``); the API returns ``as_dict()`` for each, in a list.

This module sits in the framework package because that is the bottom layer every other part of
the core may import; it has nothing to do with frameworks otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

_SHORT = 60  # characters of a value shown in a message


@dataclass(frozen=True)
class Origin:
    """Where an input row came from: its source and the physical line it starts on."""

    source: str
    line: int


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with an input, and where it is.

    ``line`` counts physical lines from 1 (a record with a quoted line break spans two);
    ``field`` is a column name, a request field (``answers[2].answer``) or a place in a YAML file
    (``sampling.samples[0].eligibility.date_field``); ``value`` is what was found there.
    """

    source: str | None = None
    line: int | None = None
    field: str | None = None
    value: str | None = None
    reason: str

    @classmethod
    def at(
        cls, origin: Origin | None, reason: str, field: str | None = None, value: str | None = None
    ) -> Problem:
        """A problem with the row that came from ``origin`` (if it came from a file)."""
        if origin is None:
            return cls(reason=reason, field=field, value=value)
        return cls(source=origin.source, line=origin.line, field=field, value=value, reason=reason)

    @property
    def message(self) -> str:
        """The reason (the name the ratings engine's callers have always used)."""
        return self.reason

    def __str__(self) -> str:
        """One line: ``answers.csv:4: answer 'maybe': not one of yes, no, n/a``."""
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        what = self.field or ""
        if self.value is not None:
            what = f"{what} {shorten(self.value)!r}" if what else repr(shorten(self.value))
        return ": ".join(part for part in (where, what, self.reason) if part)

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem as JSON (the API's error body lists these)."""
        return {
            "source": self.source,
            "line": self.line,
            "field": self.field,
            "value": self.value,
            "reason": self.reason,
        }


class ProblemsError(ValueError):
    """An input that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: Iterable[Problem], headline: str = "") -> None:
        self.problems = list(problems)
        self.headline = headline
        super().__init__("\n".join([*([headline] if headline else []), *map(str, self.problems)]))


def shorten(text: str, limit: int = _SHORT) -> str:
    """A value cut to a readable length for a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


# A place in a structured file (YAML): keys and list positions from the top.
Location = tuple[str | int, ...]


def dotted(loc: Location) -> str:
    """A place written as a person reads it: ``sampling.samples[0].eligibility.date_field``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Report(Protocol):
    """Makes the problem at a place in a file (the loader knows each place's line)."""

    def __call__(self, loc: Location, message: str, value: str | None = None) -> Problem: ...
