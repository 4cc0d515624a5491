"""What an inspection report is built from: plain, immutable values, no Django, no HTML.

The web (the inspection's records) and the command line (a JSON file, ``reporting.files``) both
fill a ``ReportData`` and hand it to ``build_report``. Narrative is plain text in the small format
``reporting.narrative`` reads (paragraphs and lists); nothing in it is ever markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sufficiency.framework import Framework
from sufficiency.ratings import RatingsResult


@dataclass(frozen=True)
class Provider:
    name: str  # the full name, as the title prints it ("Fenmarsh Community Rehabilitation Company")
    kind: str  # "CRC", "NPS division" or "other"


@dataclass(frozen=True)
class InspectionDates:
    fieldwork_start: date
    fieldwork_end: date
    publication: date | None = None  # None for a draft: the cover says "Draft"


@dataclass(frozen=True)
class SampleFacts:
    """One drawn sample, as Annex 1 describes it."""

    id: str  # the framework's sample id ("case_supervision")
    name: str  # "Case supervision"
    size: int  # inspected cases
    eligible_population: int
    window_start: date  # the eligibility window the sample was drawn from
    window_end: date
    confidence: float  # 0.8 for 80 per cent
    margin_of_error: float  # 0.05 for 5 per cent
    stratification: tuple[str, ...]  # the caseload fields the strata used ("gender", "rosh")


@dataclass(frozen=True)
class Methodology:
    """The facts Annex 1 is written from, counted from the inspection's records."""

    local_delivery_units: tuple[str, ...]
    samples: tuple[SampleFacts, ...]
    interviews: int  # responsible officers interviewed about their cases
    meetings: int  # meetings and focus groups held with staff, managers and partners


@dataclass(frozen=True)
class GroupFigure:
    """One key question's answers in one group of cases (a local delivery unit)."""

    question_id: str
    yes: int
    no: int


@dataclass(frozen=True)
class GroupBreakdown:
    """Every key question's answers in one local delivery unit."""

    group: str
    figures: tuple[GroupFigure, ...]


@dataclass(frozen=True)
class DomainNarrative:
    domain_id: str
    summary: str = ""
    strengths: str = ""
    areas_for_improvement: str = ""


@dataclass(frozen=True)
class StandardNarrative:
    standard_id: str
    key_findings: str


@dataclass(frozen=True)
class PracticeExample:
    standard_id: str
    title: str
    text: str


@dataclass(frozen=True)
class Recommendation:
    to: str  # whom it is addressed to ("Fenmarsh CRC")
    what: str  # what they should do, in the words that follow "should:"


@dataclass(frozen=True)
class Narrative:
    """What the inspectors write. Plain text: paragraphs split by blank lines, lists of lines
    starting "- " or "1. " (see ``reporting.narrative``)."""

    foreword: str = ""
    overall_findings: str = ""
    domains: tuple[DomainNarrative, ...] = ()
    standards: tuple[StandardNarrative, ...] = ()
    practice_examples: tuple[PracticeExample, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()


@dataclass(frozen=True)
class ReportData:
    """Everything ``build_report`` needs, as plain values.

    ``case_identifiers`` are the values that must never appear in the report's words: every
    inspected case's id, and the values of any name column of the caseload.
    """

    provider: Provider
    dates: InspectionDates
    framework: Framework
    ratings: RatingsResult  # from sufficiency.ratings.rate, the panel's decisions applied
    methodology: Methodology
    narrative: Narrative
    breakdowns: tuple[GroupBreakdown, ...] = ()
    case_identifiers: frozenset[str] = field(default_factory=frozenset)
    lead_inspector: str | None = None
