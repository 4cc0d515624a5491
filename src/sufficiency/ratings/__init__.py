"""The ratings engine: answers → key question figures → calculated and awarded ratings → overall."""

from sufficiency.ratings.engine import infer_cases, rate
from sufficiency.ratings.model import (
    Answer,
    Case,
    Decision,
    InputProblem,
    Judgement,
    KeyQuestionResult,
    Origin,
    Overall,
    RatingsInputError,
    RatingsResult,
    StandardResult,
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
    "RatingsInputError",
    "RatingsResult",
    "StandardResult",
    "crosses_threshold",
    "infer_cases",
    "rate",
    "whole_percent",
    "wilson_interval",
]
