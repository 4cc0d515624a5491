"""The report data file's shape, as pydantic models: each field typed and bounded, so that a bad
file is refused with every problem named by its field (``methodology.samples[0].size``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sufficiency.framework import Rating

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Words = Annotated[str, StringConstraints(max_length=100_000)]
Count = Annotated[int, Field(ge=0)]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class ProviderModel(Model):
    name: Name
    kind: Name


class DatesModel(Model):
    fieldwork_start: date
    fieldwork_end: date
    publication: date | None = None


class SampleModel(Model):
    id: Name
    name: Name
    size: Count
    eligible_population: Count
    window_start: date
    window_end: date
    confidence: float = Field(gt=0, lt=1)
    margin_of_error: float = Field(gt=0, lt=1)
    stratification: tuple[Name, ...] = ()


class MethodologyModel(Model):
    local_delivery_units: tuple[Name, ...] = ()
    samples: tuple[SampleModel, ...]
    interviews: Count = 0
    meetings: Count = 0


class GroupFigureModel(Model):
    question_id: Name
    yes: Count
    no: Count


class BreakdownModel(Model):
    group: Name
    figures: tuple[GroupFigureModel, ...]


class DomainModel(Model):
    domain_id: Name
    summary: Words = ""
    strengths: Words = ""
    areas_for_improvement: Words = ""


class StandardModel(Model):
    standard_id: Name
    key_findings: Words


class ExampleModel(Model):
    standard_id: Name
    title: Name
    text: Words


class RecommendationModel(Model):
    to: Name
    what: Words


class NarrativeModel(Model):
    foreword: Words = ""
    overall_findings: Words = ""
    domains: tuple[DomainModel, ...] = ()
    standards: tuple[StandardModel, ...] = ()
    practice_examples: tuple[ExampleModel, ...] = ()
    recommendations: tuple[RecommendationModel, ...] = ()


class KeyQuestionModel(Model):
    id: Name
    yes: Count
    no: Count
    not_applicable: Count
    unanswered: Count
    percent: int | None = Field(ge=0, le=100)
    ci_low: float | None
    ci_high: float | None


class StandardRatingModel(Model):
    id: Name
    calculated_rating: Rating | None
    driving_question: str | None
    awarded_rating: Rating | None
    panel_adjusted: bool
    borderline: bool
    reason: str | None


class OverallModel(Model):
    score: Count
    rating: Rating


class RatingsModel(Model):
    key_questions: tuple[KeyQuestionModel, ...]
    standards: tuple[StandardRatingModel, ...]
    overall: OverallModel | None


class ReportFileModel(Model):
    framework: Name
    provider: ProviderModel
    dates: DatesModel
    lead_inspector: Name | None = None
    ratings: RatingsModel
    methodology: MethodologyModel
    breakdowns: tuple[BreakdownModel, ...] = ()
    narrative: NarrativeModel = NarrativeModel()
    case_identifiers: tuple[str, ...] = ()
