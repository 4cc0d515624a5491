"""Recognising the "Quality & Impact" inspection reports, which Sufficiency refuses.

Before the 2018/19 standards, HM Inspectorate of Probation published Quality & Impact reports
(to 2017):
one report per area, covering both its Community Rehabilitation Company and its National Probation
Service division, judging the work in words under three headings (Protecting the public,
Reducing reoffending, Abiding by the sentence), with no four-point ratings and no key question
annex. Nothing in them can be set beside a standards report's figures, so the parser recognises
them, names the format and the organisations, and refuses them rather than misread them.

A report is taken to be one when its title page says "Quality & Impact inspection", or when it has
all three headings and (the parser decides) no standards ratings. The refusal names the report's
own year, read from its cover date or copyright line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sufficiency.published.errors import UnsupportedReportFormat

FORMAT = "quality-impact-2017"  # the format as a whole, named after its last year
HEADINGS = ("Protecting the public", "Reducing reoffending", "Abiding by the sentence")

_TITLE = re.compile(r"quality\s{0,9}(?:&|and)\s{0,9}impact\s{1,9}inspection", re.IGNORECASE)
_CRC = re.compile(
    r"((?:[A-Z][\w'&-]{0,40},?\s{1,9}(?:and\s{1,9}|&\s{1,9})?){1,6}Community Rehabilitation Company)"
)
_NPS = re.compile(
    r"(National Probation Service[\s:,–-]{1,9}(?:(?:[A-Z][\w'&-]{0,40}|and|&)\s{1,9}){1,6}"
    r"[Dd]ivision)"
)
_HEADINGS = tuple(
    re.compile(rf"^[\W\d]{{0,20}}{heading}\W{{0,20}}$", re.IGNORECASE) for heading in HEADINGS
)
_ARTICLE = re.compile(r"^(?:The|This|In|Of|And|For|By)\s{1,9}")
_YEAR = re.compile(
    r"^\W{0,9}(?:[A-Za-z]{3,9}\.?\s{1,9})?(?P<year>20\d\d)\W{0,9}$"
    r"|(?:©|\(c\))\s{0,9}Crown\s{1,9}copyright\s{1,9}(?P<copyright>20\d\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QualityImpactReport:
    source: str
    by_title: bool  # the title page says so; otherwise only the three headings do
    organisations: tuple[str, ...]
    year: int | None = None  # from its cover date or copyright line

    def error(self) -> UnsupportedReportFormat:
        covering = f" (covering {' and '.join(self.organisations)})" if self.organisations else ""
        year = str(self.year) if self.year else "2015–2017"
        return UnsupportedReportFormat(
            f"{self.source} is a {year} Quality & Impact inspection report{covering}. That format "
            "judges a CRC's and an NPS division's work in words under Protecting the public, "
            "Reducing reoffending and Abiding by the sentence, with no four-point ratings and no "
            "key question annex, so it cannot be read as a 2018/19 standards report or "
            "benchmarked against one.",
            FORMAT,
            source=self.source,
        )


def recognise(lines: Sequence[str], source: str = "<text>") -> QualityImpactReport | None:
    """A Quality & Impact report's signs in cleaned lines, or None when it has none."""
    nonblank = [line.strip() for line in lines if line.strip()]
    by_title = any(len(line) <= 120 and _TITLE.search(line) for line in nonblank[:12])
    headings = {
        heading
        for line in nonblank
        if len(line) <= 60
        for heading, pattern in zip(HEADINGS, _HEADINGS, strict=True)
        if pattern.fullmatch(line)
    }
    if not by_title and len(headings) < len(HEADINGS):
        return None
    head = " ".join(nonblank[:200])
    organisations: list[str] = []
    for pattern in (_CRC, _NPS):
        for m in pattern.finditer(head):
            name = " ".join(m.group(1).split())
            name = _ARTICLE.sub("", name)
            if name not in organisations:
                organisations.append(name)
            break
    years = [
        dated.group("year") or dated.group("copyright")
        for line in nonblank[:40]
        if (dated := _YEAR.search(line))
    ]
    return QualityImpactReport(
        source, by_title, tuple(organisations), int(years[0]) if years else None
    )
