"""Prompt results: the share of yes per prompt, beside its key question.

Reports quote them ("in almost nine out of ten cases, assessment analysed…"). A prompt's figure
is taken as a key question's is: yes ÷ (yes + no), not applicable left out, a whole percent with
halves rounded up. Prompts never drive a rating; only key questions do.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sufficiency.framework import Framework, KeyQuestion
from sufficiency.ratings.model import InputProblem, Judgement, Origin, RatingsInputError
from sufficiency.ratings.statistics import whole_percent


@dataclass(frozen=True)
class PromptAnswer:
    """An inspector's answer to one prompt for one case."""

    case_id: str
    prompt_id: str
    judgement: Judgement
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PromptResult:
    id: str
    key_question_id: str  # the key question the prompt belongs to
    yes: int
    no: int
    not_applicable: int
    percent: int | None  # None when no case has yes or no

    @property
    def answered(self) -> int:
        return self.yes + self.no


def key_question_of_prompt(framework: Framework) -> dict[str, KeyQuestion]:
    """Each prompt's key question, by prompt id."""
    return {p.id: q for q in framework.key_questions.values() for p in q.prompts}


def prompt_results(
    framework: Framework, answers: Iterable[PromptAnswer]
) -> tuple[PromptResult, ...]:
    """Every prompt of the framework with its yes share, in framework order.

    Raises RatingsInputError, listing every problem: an unknown prompt, or two answers to one
    prompt for one case.
    """
    owner = key_question_of_prompt(framework)
    tally: dict[str, Counter[Judgement]] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()
    problems: list[InputProblem] = []
    for answer in answers:
        if answer.prompt_id not in owner:
            problems.append(
                InputProblem.at(
                    answer.origin,
                    f"unknown prompt {answer.prompt_id!r}: framework {framework.id} has no such "
                    "prompt",
                    "prompt_id",
                )
            )
            continue
        if (answer.case_id, answer.prompt_id) in seen:
            problems.append(
                InputProblem.at(
                    answer.origin,
                    f"case {answer.case_id} has more than one answer to prompt {answer.prompt_id}",
                    "prompt_id",
                )
            )
            continue
        seen.add((answer.case_id, answer.prompt_id))
        tally[answer.prompt_id][answer.judgement] += 1
    if problems:
        raise RatingsInputError(problems)
    results = []
    for prompt_id, question in owner.items():
        counts = tally[prompt_id]
        yes, no = counts[Judgement.YES], counts[Judgement.NO]
        results.append(
            PromptResult(
                id=prompt_id,
                key_question_id=question.id,
                yes=yes,
                no=no,
                not_applicable=counts[Judgement.NOT_APPLICABLE],
                percent=whole_percent(yes, yes + no) if yes + no else None,
            )
        )
    return tuple(results)
