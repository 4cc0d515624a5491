"""The ratings engine: answers → key question figures → calculated and awarded ratings → overall."""

from sufficiency.ratings.engine import calculated_rating, infer_cases, overall_rating, rate
from sufficiency.ratings.model import (
    Answer,
    Case,
    Decision,
    InputProblem,
    Judgement,
    KeyQuestionResult,
    Origin,
    Overall,
    PanelGrounds,
    RatingsInputError,
    RatingsResult,
    StandardResult,
    parse_rating,
)
from sufficiency.ratings.statistics import crosses_threshold, whole_percent, wilson_interval

__all__ = [
    "Answer",
    "Case",
    "Decision",
    "InputProblem",
    "Judgement",
    "KeyQuestionResult",
    "Origin",
    "Overall",
    "PanelGrounds",
    "RatingsInputError",
    "RatingsResult",
    "StandardResult",
    "calculated_rating",
    "crosses_threshold",
    "infer_cases",
    "overall_rating",
    "parse_rating",
    "rate",
    "whole_percent",
    "wilson_interval",
]
