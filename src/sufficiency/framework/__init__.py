"""Standards frameworks as versioned data: domains → standards → key questions → prompts."""

from sufficiency.framework.loader import (
    FrameworkError,
    Problem,
    builtin_framework_ids,
    builtin_framework_text,
    load_framework,
    load_framework_file,
    parse_framework,
)
from sufficiency.framework.model import (
    Denominator,
    Domain,
    Framework,
    KeyQuestion,
    Prompt,
    RatedBy,
    Rating,
    RatingsConfig,
    SampleType,
    SamplingConfig,
    Standard,
)

__all__ = [
    "Denominator",
    "Domain",
    "Framework",
    "FrameworkError",
    "KeyQuestion",
    "Problem",
    "Prompt",
    "RatedBy",
    "Rating",
    "RatingsConfig",
    "SampleType",
    "SamplingConfig",
    "Standard",
    "builtin_framework_ids",
    "builtin_framework_text",
    "load_framework",
    "load_framework_file",
    "parse_framework",
]
