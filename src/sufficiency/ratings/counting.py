"""Which recorded cases count towards an inspection's live results.

A case counts once it has been submitted at least once: while it is submitted, queried by the
lead inspector, or quality-assured and locked. Cases not started or still in draft are listed as
open, never counted, so a half-answered draft cannot move a figure.

The workflow status is the case's place in moderation, never a judgement (see ``Judgement``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sufficiency.framework import Framework
from sufficiency.ratings.engine import CaseKey, rate
from sufficiency.ratings.model import Answer, Case, Decision, RatingsResult
from sufficiency.ratings.prompts import PromptAnswer, key_question_of_prompt


class CaseStatus(StrEnum):
    """Where an inspected case is in the inspection workflow."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    QUERIED = "queried"  # submitted, then queried by the lead inspector
    QUALITY_ASSURED = "quality_assured"  # submitted and locked by the lead inspector

    @property
    def counts(self) -> bool:
        """Whether a case in this status counts towards the results: submitted at least once."""
        return self in COUNTED_STATUSES


COUNTED_STATUSES = frozenset({CaseStatus.SUBMITTED, CaseStatus.QUERIED, CaseStatus.QUALITY_ASSURED})


@dataclass(frozen=True)
class RecordedCase:
    """An inspected case as the inspection holds it: the case and its workflow status."""

    case: Case
    status: CaseStatus


@dataclass(frozen=True)
class Counting:
    """The inspection's cases split into those that count and those still open."""

    counted: tuple[Case, ...]
    open: tuple[RecordedCase, ...]  # not started or draft: listed, never counted

    def answers_of_counted(self, framework: Framework, answers: Iterable[Answer]) -> list[Answer]:
        """The answers less those of open cases: a draft's answers are left out.

        Anything else is kept for the engine to judge, so that an answer for an unknown case or
        key question is reported rather than dropped.
        """
        still_open = self._open_keys()
        return [
            a for a in answers if _key_of(framework, a.case_id, a.question_id) not in still_open
        ]

    def prompt_answers_of_counted(
        self, framework: Framework, answers: Iterable[PromptAnswer]
    ) -> list[PromptAnswer]:
        """The prompt answers less those of open cases, as ``answers_of_counted``."""
        still_open = self._open_keys()
        owner = key_question_of_prompt(framework)
        return [
            a
            for a in answers
            if a.prompt_id not in owner
            or _key_of(framework, a.case_id, owner[a.prompt_id].id) not in still_open
        ]

    def _open_keys(self) -> set[CaseKey]:
        return {(r.case.id, r.case.sample) for r in self.open}


def count_cases(recorded: Iterable[RecordedCase]) -> Counting:
    """Split an inspection's cases into counted and open, each in the order given."""
    cases = list(recorded)
    return Counting(
        counted=tuple(r.case for r in cases if r.status.counts),
        open=tuple(r for r in cases if not r.status.counts),
    )


def rate_recorded(
    framework: Framework,
    recorded: Iterable[RecordedCase],
    answers: Iterable[Answer],
    decisions: Sequence[Decision] = (),
) -> tuple[RatingsResult, Counting]:
    """Live results: the ratings engine over the counted cases and their answers only.

    This is the same ``rate`` that ``sufficiency rate`` runs on ANSWERS.csv, CASES.csv and
    DECISIONS.csv; exported from the counted cases, those files give the same result.
    """
    counting = count_cases(recorded)
    counted_answers = counting.answers_of_counted(framework, answers)
    return rate(framework, counted_answers, decisions, cases=counting.counted), counting


def _key_of(framework: Framework, case_id: str, question_id: str) -> CaseKey | None:
    """The (case, sample) an answer belongs to: the sample that asks its key question."""
    standard = framework.standard_of.get(question_id)
    return None if standard is None else (case_id, standard.sample or "")
