"""The cleaned report as numbered lines, the patterns every region shares, and ``Read``.

Each region of a report (title page, summary of ratings, standard chapters, methodology annex,
results annex, footnotes) is read by a module of its own from a ``Document``: the lines, the
footnote lines, and where the summary of ratings and the results annex are. What a region's
reader finds besides its value (a report that disagrees with itself, a row renumbered) comes
back with the value in a ``Read``, never through shared state.

Every pattern here and in the region modules reads uploaded text, so each is linear in its input:
no nested or overlapping unbounded quantifiers, and no unbounded run a failing match would rescan
from every position (``tests/unit/published/test_published_patterns.py`` tries them all).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from sufficiency.published.text import split_marks

ROW_JUNK = r"[\s_\-–—•·*|>]*"
KQ_ID = re.compile(rf"^{ROW_JUNK}(?P<id>[1-9]\.\d{{1,2}}\.\d{{1,2}})(?![\d%])(?:\.(?!\d))?")
STD_ID = re.compile(
    rf"^{ROW_JUNK}(?:[Ss]tandard\s+)?(?P<id>[1-9]\.\d{{1,2}})(?![\d%,]|\.\d)(?:\.(?!\d))?"
)
PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})\s?%")
PERCENT_ONLY = re.compile(r"^\W*\d{1,3}\s?%\W*$")
ANY_ID = re.compile(r"\b[1-9]\.\d{1,2}\.\d{1,2}\b")
HEADING_ANNEX = re.compile(r"^\W*annex\b", re.IGNORECASE)
DOMAIN_HEADING = re.compile(r"^\W*[1-9]\.?\s+[A-Z][\w -]*$")
WORD = re.compile(r"[A-Za-z]+")
OVERALL_OR_RECOMMENDATIONS = re.compile(
    r"^\W*(?:overall\s+rating|recommendations)\b", re.IGNORECASE
)
RECOMMENDATIONS_HEADING = re.compile(r"^\W*recommendations\W*$", re.IGNORECASE)

T = TypeVar("T")


@dataclass(frozen=True)
class Read(Generic[T]):
    """What a region's reader found: the value, and what it noticed on the way."""

    value: T
    findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    index: int
    raw: str  # the cleaned line, footnote marks included
    text: str  # without footnote marks, stripped
    marks: tuple[int, ...]

    @property
    def blank(self) -> bool:
        return not self.text


def lines_of(text: str) -> tuple[Line, ...]:
    out = []
    for i, raw in enumerate(text.split("\n")):
        plain, marks = split_marks(raw)
        out.append(Line(i, raw, plain.strip(), marks))
    return tuple(out)


@dataclass(frozen=True)
class Document:
    """The report's lines and the regions every reader needs to tell apart."""

    lines: tuple[Line, ...]
    footnote_lines: frozenset[int]
    summary: tuple[int, int]  # the summary of ratings: [start, end) line indexes, or (-1, -1)
    annex: tuple[int, int]  # the results annex

    def region(self, index: int) -> str:
        """ "summary", "annex" or "body" (the standard chapters and everything else)."""
        if self.summary[0] <= index < self.summary[1]:
            return "summary"
        if self.annex[0] <= index < self.annex[1]:
            return "annex"
        return "body"

    def nonblank_after(self, index: int, limit: int) -> Iterator[Line]:
        n = 0
        for line in self.lines[index + 1 :]:
            if line.blank:
                continue
            yield line
            n += 1
            if n >= limit:
                return

    def nonblank_before(self, index: int) -> Line | None:
        for line in reversed(self.lines[max(0, index - 6) : index]):
            if not line.blank:
                return line
        return None

    def joined(self, start: int = 0, end: int | None = None) -> str:
        return " ".join(line.text for line in self.lines[start:end] if line.text)


def id_key(ident: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ident.split("."))


def looks_like_heading(text: str) -> bool:
    return (
        len(text) <= 60
        and text[:1].isupper()
        and not text.endswith((".", ":", ";", ","))
        and not text[:1].isdecimal()
    )
