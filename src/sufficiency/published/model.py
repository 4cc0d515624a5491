"""A published inspection report as checked, structured, immutable values.

``ParsedReport.as_dict()`` is the JSON contract of ``sufficiency published parse --format json``
(see ../shared/published/README.md): ``provider``, ``overall_rating``, ``standards``,
``key_questions``, ``samples`` and ``panel_adjustments`` exactly as the contract defines them,
followed by the extra fields this parser also reads (``format``, ``framework``, dates, lead
inspector, local delivery units, recommendations, footnotes) and ``checks``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from sufficiency.framework import Rating

STANDARDS_FORMAT = "hmip-probation-standards-2018"
_SLUG_BREAK = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class StandardRating:
    """A rated standard: its id, its name and the awarded rating."""

    id: str
    name: str
    rating: Rating

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "rating": str(self.rating)}


@dataclass(frozen=True)
class KeyQuestionFigure:
    """One row of the results annex: a key question and its percentage of 'yes' judgements."""

    id: str
    text: str
    percent_yes: int
    relevant_subsample_only: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "percent_yes": self.percent_yes,
            "relevant_subsample_only": self.relevant_subsample_only,
        }


@dataclass(frozen=True)
class PanelAdjustment:
    """A standard whose awarded rating differs from the one its key question figures give."""

    standard: str
    calculated: Rating
    awarded: Rating

    def as_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "calculated": str(self.calculated),
            "awarded": str(self.awarded),
        }


@dataclass(frozen=True)
class Footnote:
    mark: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"mark": self.mark, "text": self.text}


@dataclass(frozen=True)
class Recommendation:
    """One recommendation and whom it is addressed to ("Essex CRC", "HM Prison and …")."""

    to: str | None
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"to": self.to, "text": self.text}


class CheckStatus(StrEnum):
    """What the ratings engine makes of a case-data standard's awarded rating."""

    CONSISTENT = "consistent"  # awarded = calculated from the key question figures
    PANEL_ADJUSTMENT = "panel_adjustment"  # differs, and a ratings-panel footnote explains it
    UNEXPLAINED = "unexplained"  # differs, and the report gives no explanation
    NOT_CHECKED = "not_checked"  # no key question figures to calculate from


@dataclass(frozen=True)
class StandardCheck:
    standard: str
    name: str
    awarded: Rating
    calculated: Rating | None
    driving_key_question: str | None
    lowest_percent: int | None
    status: CheckStatus
    explanation: str | None  # the footnote text explaining a panel adjustment

    def as_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "name": self.name,
            "awarded": str(self.awarded),
            "calculated": None if self.calculated is None else str(self.calculated),
            "driving_key_question": self.driving_key_question,
            "lowest_percent": self.lowest_percent,
            "status": str(self.status),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class OverallCheck:
    awarded: Rating
    score: int | None  # None when the report's standards are not the framework's
    calculated: Rating | None
    consistent: bool | None  # None when not checked

    def as_dict(self) -> dict[str, Any]:
        return {
            "awarded": str(self.awarded),
            "score": self.score,
            "calculated": None if self.calculated is None else str(self.calculated),
            "consistent": self.consistent,
        }


@dataclass(frozen=True)
class Checks:
    """The report checked against the framework's rules by the ratings engine."""

    framework: str
    standards: tuple[StandardCheck, ...]
    overall: OverallCheck
    missing_key_questions: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def unexplained(self) -> tuple[StandardCheck, ...]:
        return tuple(s for s in self.standards if s.status is CheckStatus.UNEXPLAINED)

    @property
    def explained(self) -> tuple[StandardCheck, ...]:
        """Panel adjustments the report explains (``ParsedReport.panel_adjustments`` has all)."""
        return tuple(s for s in self.standards if s.status is CheckStatus.PANEL_ADJUSTMENT)

    @property
    def ok(self) -> bool:
        """No unexplained inconsistency, a consistent overall rating, no key question missing."""
        return (
            not self.unexplained
            and self.overall.consistent is not False
            and not self.missing_key_questions
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "ok": self.ok,
            "standards": [s.as_dict() for s in self.standards],
            "overall": self.overall.as_dict(),
            "missing_key_questions": list(self.missing_key_questions),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class ParsedReport:
    """A published inspection report read into checked, structured data."""

    source: str
    format: str
    framework: str
    provider: str
    overall_rating: Rating
    standards: tuple[StandardRating, ...]
    key_questions: tuple[KeyQuestionFigure, ...]
    samples: Mapping[str, int]  # sample id (framework's) → inspected cases
    panel_adjustments: tuple[PanelAdjustment, ...]
    checks: Checks
    footnotes: tuple[Footnote, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    local_delivery_units: int | None = None  # how many units the case sample was drawn from
    lead_inspector: str | None = None
    fieldwork_date: str | None = None  # "YYYY-MM"
    publication_date: str | None = None  # "YYYY-MM", or "YYYY" where only the year is printed

    def standard(self, standard_id: str) -> StandardRating:
        return next(s for s in self.standards if s.id == standard_id)

    def key_question(self, question_id: str) -> KeyQuestionFigure:
        return next(q for q in self.key_questions if q.id == question_id)

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract, then the extra fields, then the checks. Plain JSON values only."""
        return {
            "provider": self.provider,
            "overall_rating": str(self.overall_rating),
            "standards": [s.as_dict() for s in self.standards],
            "key_questions": [q.as_dict() for q in self.key_questions],
            "samples": dict(self.samples),
            "panel_adjustments": [p.as_dict() for p in self.panel_adjustments],
            "format": self.format,
            "framework": self.framework,
            "publication_date": self.publication_date,
            "fieldwork_date": self.fieldwork_date,
            "lead_inspector": self.lead_inspector,
            "local_delivery_units": self.local_delivery_units,
            "recommendations": [r.as_dict() for r in self.recommendations],
            "footnotes": [f.as_dict() for f in self.footnotes],
            "checks": self.checks.as_dict(),
        }

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the canonical JSON of ``as_dict()``: equal for equal parses.

        The source file's name is not part of it, so the same report read from two paths (or
        twice) has one fingerprint; any change in what was read changes it.
        """
        return fingerprint(self.as_dict())

    @property
    def report_key(self) -> str:
        """Which inspection this is, independent of how well it was read.

        ``<provider slug>@<fieldwork date or publication date or "undated">``: a store keeps one
        current record per key and replaces it (keeping history) when the fingerprint changes.
        """
        return report_key(
            {
                "provider": self.provider,
                "fieldwork_date": self.fieldwork_date,
                "publication_date": self.publication_date,
            }
        )


def fingerprint(report: Mapping[str, Any]) -> str:
    """``ParsedReport.fingerprint`` for a report in its ``as_dict()`` form: sha256 of its
    canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(report, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def report_key(report: Mapping[str, Any]) -> str:
    """``ParsedReport.report_key`` for a report in its ``as_dict()`` form."""
    slug = _SLUG_BREAK.sub("-", str(report["provider"]).casefold()).strip("-")
    when = report.get("fieldwork_date") or report.get("publication_date") or "undated"
    return f"{slug}@{when}"
