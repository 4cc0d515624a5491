"""The values the ratings engine takes and gives: plain, immutable, framework-named."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sufficiency.framework import Rating
from sufficiency.framework.problems import Origin as Origin
from sufficiency.framework.problems import Problem


class Judgement(StrEnum):
    """An inspector's answer to a key question or prompt for one case.

    Kept apart from workflow status (draft, submitted, queried, locked): a judgement says what
    the inspector found, never where the case is in moderation.
    """

    YES = "yes"  # sufficient
    NO = "no"  # not sufficient
    NOT_APPLICABLE = "n/a"  # does not apply to this case: left out of the denominator

    @classmethod
    def parse(cls, text: str) -> Judgement:
        """Read an answer as written in a file: yes, no, n/a (any case; 'not applicable' too)."""
        cleaned = " ".join(text.strip().lower().split())
        aliases = {"not applicable": cls.NOT_APPLICABLE, "na": cls.NOT_APPLICABLE}
        if cleaned in aliases:
            return aliases[cleaned]
        return cls(cleaned)


_RATING_WORDS = {r.value.lower(): r for r in Rating}


def parse_rating(text: str) -> Rating | None:
    """A rating word as written in a file or a request ("good", " Requires  Improvement"), or
    None when it is not one of the four."""
    return _RATING_WORDS.get(" ".join(text.lower().split()))


@dataclass(frozen=True)
class Case:
    """An inspected case, as the engine needs it: which sample, and whether RoSH issues apply."""

    id: str
    sample: str
    rosh_relevant: bool


@dataclass(frozen=True)
class Answer:
    case_id: str
    question_id: str
    judgement: Judgement
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Decision:
    """A rating recorded by people, not calculated.

    For a judgement standard (domain one) it is the inspectors' judgement, with its evidence.
    For a case-data standard it is a ratings-panel decision, which must give its reason; where
    it differs from the calculated rating, also its grounds (``ratings.panel``).
    """

    standard_id: str
    rating: Rating
    reason: str
    origin: Origin | None = field(default=None, compare=False)
    grounds: PanelGrounds | None = None


class PanelGrounds(StrEnum):
    """Why a ratings panel awards a rating other than the calculated one."""

    MARGINAL = "marginal"  # a marginal result from few cases
    WIDER_EVIDENCE = "wider_evidence"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            PanelGrounds.MARGINAL: "Marginal result from few cases",
            PanelGrounds.WIDER_EVIDENCE: "Wider evidence",
            PanelGrounds.OTHER: "Other",
        }[self]


@dataclass(frozen=True)
class KeyQuestionResult:
    id: str
    yes: int
    no: int
    not_applicable: int
    unanswered: int
    percent: int | None  # whole percent, half up; None when no case has yes or no
    ci_low: float | None  # the interval, in percent, at the framework's confidence level
    ci_high: float | None

    @property
    def answered(self) -> int:
        """The denominator: cases answered yes or no."""
        return self.yes + self.no


@dataclass(frozen=True)
class StandardResult:
    id: str
    calculated_rating: Rating | None  # from the lowest key question; None for judgement
    driving_question: str | None  # the lowest key question (first of equals)
    awarded_rating: Rating | None  # the calculated rating unless a decision says otherwise
    panel_adjusted: bool  # a ratings panel awarded a rating other than the calculated one
    borderline: bool  # the driving question's interval crosses a band threshold
    reason: str | None  # the judgement's evidence or the panel's reason


@dataclass(frozen=True)
class Overall:
    score: int
    rating: Rating


@dataclass(frozen=True)
class RatingsResult:
    key_questions: tuple[KeyQuestionResult, ...]
    standards: tuple[StandardResult, ...]
    overall: Overall | None  # None until every standard has an awarded rating

    def key_question(self, question_id: str) -> KeyQuestionResult:
        return next(q for q in self.key_questions if q.id == question_id)

    def standard(self, standard_id: str) -> StandardResult:
        return next(s for s in self.standards if s.id == standard_id)

    def as_dict(self) -> dict[str, object]:
        """The JSON contract of `sufficiency rate --format json`."""
        return {
            "key_questions": [
                {
                    "id": q.id,
                    "yes": q.yes,
                    "no": q.no,
                    "not_applicable": q.not_applicable,
                    "unanswered": q.unanswered,
                    "percent": q.percent,
                    "ci_low": q.ci_low,
                    "ci_high": q.ci_high,
                }
                for q in self.key_questions
            ],
            "standards": [
                {
                    "id": s.id,
                    "calculated_rating": s.calculated_rating,
                    "driving_question": s.driving_question,
                    "awarded_rating": s.awarded_rating,
                    "panel_adjusted": s.panel_adjusted,
                    "borderline": s.borderline,
                    "reason": s.reason,
                }
                for s in self.standards
            ],
            "overall": (
                {"score": self.overall.score, "rating": self.overall.rating}
                if self.overall
                else None
            ),
        }


# One reason the engine's input cannot be rated: the core's one problem shape (source, line,
# field, value, reason), which every reader of every input uses.
InputProblem = Problem


class RatingsInputError(Exception):
    """Input the engine refuses, rather than guess about. ``problems`` lists every reason."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
