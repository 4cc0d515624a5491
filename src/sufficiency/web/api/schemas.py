"""Request and response shapes of the JSON API (pydantic, through django-ninja)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class FrameworkSummary(Schema):
    pk: int
    framework_id: str
    version: str
    name: str
    owner: str
    loaded_at: datetime


class FrameworkDetail(FrameworkSummary):
    framework: dict[str, Any] = Field(
        description="the framework tree and rules, as the loader reads them"
    )


class ReportSummary(Schema):
    pk: int
    provider: str
    provider_type: str
    publication_date: str = Field(description='"YYYY-MM", "YYYY", or "" if unknown')
    overall_rating: str
    fingerprint: str
    synthetic: bool
    imported_at: datetime


class ReportDetail(ReportSummary):
    format: str
    source_filename: str
    parsed: dict[str, Any]
    revisions: int


class AnswerIn(Schema):
    case_id: str
    question_id: str
    answer: str = Field(description="yes, no or n/a")


class DecisionIn(Schema):
    standard_id: str
    rating: str = Field(description="Outstanding, Good, Requires improvement or Inadequate")
    reason: str = ""


class CaseIn(Schema):
    id: str
    sample: str
    rosh_relevant: bool = False


class RatingsIn(Schema):
    framework: str = Field(
        default="hmip-probation-2018",
        max_length=100,
        description="a stored framework's id (its latest version unless `version` is given)",
    )
    version: str | None = Field(
        default=None,
        max_length=50,
        description="a stored version of that framework; the response names the one used",
    )
    answers: list[AnswerIn]
    decisions: list[DecisionIn] = Field(default_factory=list)
    cases: list[CaseIn] | None = Field(
        default=None, description="the inspected cases; inferred from the answers when left out"
    )


class Problem(Schema):
    """One input problem, in the shape every reader of the core reports."""

    source: str | None = None
    line: int | None = None
    field: str | None = None
    value: str | None = None
    reason: str


class ProblemsOut(Schema):
    detail: str
    problems: list[Problem]


class Message(Schema):
    detail: str
