"""Recognising the 2017 "Quality & Impact" inspection reports, which Sufficiency refuses.

Before the 2018/19 standards, HM Inspectorate of Probation published Quality & Impact reports:
one report per area, covering both its Community Rehabilitation Company and its National Probation
Service division, judging the work in words under three headings (Protecting the public,
Reducing reoffending, Abiding by the sentence), with no four-point ratings and no key question
annex. Nothing in them can be set beside a standards report's figures, so the parser recognises
them, names the format and the organisations, and refuses them rather than misread them.

A report is taken to be one when its title page says "Quality & Impact inspection", or when it has
all three headings and (the parser decides) no standards ratings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sufficiency.published.errors import UnsupportedReportFormat

FORMAT = "quality-impact-2017"
HEADINGS = ("Protecting the public", "Reducing reoffending", "Abiding by the sentence")

_TITLE = re.compile(r"quality\s*(?:&|and)\s*impact\s+inspection", re.IGNORECASE)
_CRC = re.compile(r"((?:[A-Z][\w'&-]*,?\s+(?:and\s+|&\s+)?){1,6}Community Rehabilitation Company)")
_NPS = re.compile(
    r"(National Probation Service[\s:,–-]+(?:(?:[A-Z][\w'&-]*|and|&)\s+){1,6}[Dd]ivision)"
)


@dataclass(frozen=True)
class QualityImpactReport:
    source: str
    by_title: bool  # the title page says so; otherwise only the three headings do
    organisations: tuple[str, ...]

    def error(self) -> UnsupportedReportFormat:
        covering = f" (covering {' and '.join(self.organisations)})" if self.organisations else ""
        return UnsupportedReportFormat(
            f"{self.source} is a 2017 Quality & Impact inspection report{covering}. That format "
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
        for heading in HEADINGS
        if re.fullmatch(rf"[\W\d]*{heading}\W*", line, re.IGNORECASE)
    }
    if not by_title and len(headings) < len(HEADINGS):
        return None
    head = " ".join(nonblank[:200])
    organisations: list[str] = []
    for pattern in (_CRC, _NPS):
        for m in pattern.finditer(head):
            name = " ".join(m.group(1).split())
            name = re.sub(r"^(?:The|This|In|Of|And|For|By)\s+", "", name)
            if name not in organisations:
                organisations.append(name)
            break
    return QualityImpactReport(source, by_title, tuple(organisations))
