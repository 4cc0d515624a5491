"""The standards framework as plain, immutable values.

Domain → standard → key question → prompt, with the rules that may change between framework
versions (rating bands, overall bands, sampling) held as data beside the tree.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[A-Za-z0-9][\w.-]*$")
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Rating(StrEnum):
    """The four rating words, exactly as the inspectorate writes them."""

    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"


class RatedBy(StrEnum):
    """How a standard gets its rating."""

    JUDGEMENT = "judgement"  # inspectors' judgement against the ratings characteristics
    CASE_DATA = "case_data"  # calculated from its key questions' percentages


class Denominator(StrEnum):
    """Which inspected cases a key question's percentage is taken over."""

    ALL = "all"  # every case in the standard's sample
    ROSH = "rosh"  # only the relevant sub-sample: cases where risk of serious harm issues apply


class Prompt(_Frozen):
    id: Identifier
    text: Text


class KeyQuestion(_Frozen):
    id: Identifier
    text: Text
    denominator: Denominator = Denominator.ALL
    prompts: tuple[Prompt, ...] = ()

    @property
    def relevant_subsample_only(self) -> bool:
        return self.denominator is Denominator.ROSH


class Standard(_Frozen):
    id: Identifier
    name: Text
    statement: Text
    rated_by: RatedBy
    sample: Identifier | None = None
    key_questions: tuple[KeyQuestion, ...] = ()


class Domain(_Frozen):
    id: Identifier
    name: Text
    standards: tuple[Standard, ...]


class KeyQuestionBand(_Frozen):
    rating: Rating
    min_percent: int = Field(ge=0, le=100)


class OverallBand(_Frozen):
    rating: Rating
    min_score: int = Field(ge=0)
    max_score: int = Field(ge=0)


class RatingsConfig(_Frozen):
    scores: dict[Rating, int]
    key_question_bands: tuple[KeyQuestionBand, ...]
    overall_bands: tuple[OverallBand, ...]
    interval_confidence: float = Field(default=0.95, gt=0, lt=1)

    def rating_for_percent(self, percent: int) -> Rating:
        """The band a whole-percent key question figure falls in."""
        for band in self.key_question_bands:  # ordered best first, checked by the loader
            if percent >= band.min_percent:
                return band.rating
        raise ValueError(f"{percent}% is below every band")  # unreachable once validated

    def rating_for_score(self, score: int) -> Rating:
        for band in self.overall_bands:
            if band.min_score <= score <= band.max_score:
                return band.rating
        raise ValueError(f"overall score {score} is in no band")

    @property
    def thresholds(self) -> tuple[int, ...]:
        """Band boundaries in whole percent (80, 65, 50 in the 2018/19 framework)."""
        return tuple(b.min_percent for b in self.key_question_bands if b.min_percent > 0)


class Offset(_Frozen):
    """A distance back in time from the reference date, in calendar months, weeks or days."""

    months: int = Field(default=0, ge=0)
    weeks: int = Field(default=0, ge=0)
    days: int = Field(default=0, ge=0)


class Eligibility(_Frozen):
    """Which cases of the caseload are eligible for a sample, relative to a reference date R.

    Each bound is an offset back from R: ``on_or_after: {months: 7}`` means the date field is on or
    after R − 7 months.
    """

    date_field: Identifier
    on_or_after: Offset | None = None
    after: Offset | None = None
    on_or_before: Offset | None = None
    before: Offset | None = None
    require: dict[Identifier, str] = Field(default_factory=dict)


class SampleType(_Frozen):
    """One sample an inspection draws: which cases are eligible, and how they are stratified."""

    id: Identifier
    name: Text
    strata: tuple[Identifier, ...]  # caseload columns whose values make the strata, in order
    eligibility: Eligibility
    # Values of the caseload's provider column whose cases this sample is drawn from (empty: any).
    providers: tuple[Text, ...] = ()


class ColumnType(StrEnum):
    """What a caseload column holds."""

    IDENTIFIER = "identifier"  # the case's own id: required and unique
    CATEGORY = "category"  # one of the column's declared values
    TEXT = "text"  # free text
    DATE = "date"  # YYYY-MM-DD


class CategoryValue(_Frozen):
    """One allowed value of a category column, and the words a page or a report uses for it."""

    value: Text
    name: Text


class CaseloadColumn(_Frozen):
    name: Identifier
    type: ColumnType
    required: bool = True  # whether every case must have a value
    values: tuple[CategoryValue, ...] = ()  # a category column's allowed values, in stratum order

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(v.value for v in self.values)

    def display_name(self, value: str) -> str:
        """The declared words for a value of this column (the value itself when none)."""
        return next((v.name for v in self.values if v.value == value), value)


class CaseloadSpec(_Frozen):
    """The caseload extract a framework expects from a provider: its columns, and which of them
    names each case's local delivery unit and provider."""

    columns: tuple[CaseloadColumn, ...]
    local_delivery_unit: Identifier | None = None
    provider: Identifier | None = None

    def column(self, name: str) -> CaseloadColumn | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def identifier(self) -> str:
        """The case id column (the loader has checked there is exactly one)."""
        return next(c.name for c in self.columns if c.type is ColumnType.IDENTIFIER)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


class SamplingConfig(_Frozen):
    confidence: float = Field(gt=0, lt=1)
    margin_of_error: float = Field(gt=0, lt=1)
    proportion: float = Field(default=0.5, gt=0, lt=1)
    reserve_fraction: float = Field(default=0.2, ge=0)
    caseload: CaseloadSpec
    samples: tuple[SampleType, ...]


class PublishedSample(_Frozen):
    """The words a published inspection report uses for one of the framework's samples."""

    sample: Identifier
    # Plain words, matched case-insensitively anywhere in a phrase ("custod" finds "custody").
    phrases: tuple[Text, ...]


class PublishedReports(_Frozen):
    """How the inspectorate's published reports name this framework's samples.

    ``samples`` is in matching order: the words of a methodology sentence name the first sample
    with one of its phrases in them ("36 unpaid work cases from the case supervision sample" is
    unpaid work). A count whose words name no sample belongs to ``default_sample``.
    ``relevant_subsample`` holds the words with which a footnote says a key question is taken over
    the relevant sub-sample only. The kinds of provider a report names (a CRC, an NPS division)
    are the caseload's provider column values, found by their value or their display name.
    """

    samples: tuple[PublishedSample, ...]
    default_sample: Identifier | None = None
    relevant_subsample: tuple[Text, ...] = ()

    def sample_named_in(self, text: str) -> str | None:
        """The id of the first sample (in matching order) one of whose phrases ``text`` holds."""
        lowered = text.casefold()
        for entry in self.samples:
            if any(phrase.casefold() in lowered for phrase in entry.phrases):
                return entry.sample
        return None

    def says_relevant_subsample(self, text: str) -> bool:
        lowered = text.casefold()
        return any(phrase.casefold() in lowered for phrase in self.relevant_subsample)


class Framework(_Frozen):
    format: Literal[1] = 1
    id: Identifier
    name: Text
    version: Text
    owner: Text | None = None
    ratings: RatingsConfig
    sampling: SamplingConfig | None = None
    published_reports: PublishedReports | None = None
    domains: tuple[Domain, ...]

    # Look-ups. The loader has checked that every id is unique, so these are plain maps.
    @cached_property
    def standards(self) -> dict[str, Standard]:
        return {s.id: s for d in self.domains for s in d.standards}

    @cached_property
    def key_questions(self) -> dict[str, KeyQuestion]:
        return {q.id: q for s in self.standards.values() for q in s.key_questions}

    @cached_property
    def standard_of(self) -> dict[str, Standard]:
        """The standard each key question belongs to, by key question id."""
        return {q.id: s for s in self.standards.values() for q in s.key_questions}

    @cached_property
    def samples(self) -> dict[str, SampleType]:
        return {s.id: s for s in self.sampling.samples} if self.sampling else {}

    @property
    def provider_column(self) -> CaseloadColumn | None:
        """The caseload column naming each case's provider (its values: the kinds of provider)."""
        if self.sampling is None or self.sampling.caseload.provider is None:
            return None
        return self.sampling.caseload.column(self.sampling.caseload.provider)

    def sample_named(self, name: str) -> SampleType | None:
        """A sample type by its id, also written with hyphens for underscores (``unpaid-work``
        for ``unpaid_work``, as the command line has always taken it)."""
        return self.samples.get(name) or self.samples.get(name.replace("-", "_"))
