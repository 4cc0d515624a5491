"""Consistency between inspectors: double-marked cases compared, key question by key question.

The lead inspector sends some submitted cases to a second inspector, who answers them without
seeing the first answers. For each key question and each pair of inspectors this gives the
number of cases both answered, how often they agree, Cohen's kappa (agreement beyond chance), and
the cases where they differ. The first inspector's answers stay the counted ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sufficiency.framework import Framework
from sufficiency.ratings.model import Answer, InputProblem, Judgement, RatingsInputError
from sufficiency.ratings.statistics import cohens_kappa, whole_percent


@dataclass(frozen=True)
class MarkedAnswer:
    """An answer with the inspector who gave it."""

    answer: Answer
    inspector: str


@dataclass(frozen=True)
class Disagreement:
    case_id: str
    question_id: str
    judgements: tuple[tuple[str, Judgement], ...]  # (inspector, judgement), in pair order


@dataclass(frozen=True)
class Agreement:
    """One key question, one pair of inspectors (in name order)."""

    question_id: str
    inspectors: tuple[str, str]
    cases: int  # cases both inspectors answered
    agreed: int
    kappa: float | None  # None where undefined: both gave the same single answer throughout
    disagreements: tuple[Disagreement, ...] = field(default=())

    @property
    def percent(self) -> int:
        """The agreement rate, a whole percent with halves rounded up."""
        return whole_percent(self.agreed, self.cases)


def consistency(
    framework: Framework, first: Iterable[MarkedAnswer], second: Iterable[MarkedAnswer]
) -> tuple[Agreement, ...]:
    """Agreement per key question and inspector pair over the double-marked cases.

    ``first`` are the counted answers, ``second`` the second markers'. Only answers to the same
    key question of the same case are compared; a question only one of them answered is left
    out. Raises RatingsInputError for an unknown key question, or a case marked twice by the
    same inspector.
    """
    firsts = {(m.answer.case_id, m.answer.question_id): m for m in first}
    problems: list[InputProblem] = []
    compared: dict[tuple[str, tuple[str, str]], list[tuple[str, MarkedAnswer, MarkedAnswer]]]
    compared = defaultdict(list)
    for m in second:
        case_id, question_id = m.answer.case_id, m.answer.question_id
        if question_id not in framework.key_questions:
            problems.append(
                InputProblem.at(
                    m.answer.origin,
                    f"unknown key question {question_id!r}: framework {framework.id} has no such "
                    "key question",
                    "question_id",
                )
            )
            continue
        counterpart = firsts.get((case_id, question_id))
        if counterpart is None:
            continue
        if counterpart.inspector == m.inspector:
            problems.append(
                InputProblem.at(
                    m.answer.origin,
                    f"case {case_id} is double marked by its own inspector, {m.inspector}; a "
                    "second marker must be another inspector",
                    "inspector",
                )
            )
            continue
        one, other = sorted((counterpart, m), key=lambda marked: marked.inspector)
        compared[(question_id, (one.inspector, other.inspector))].append((case_id, one, other))
    if problems:
        raise RatingsInputError(problems)

    order = {qid: i for i, qid in enumerate(framework.key_questions)}
    results = []
    for (question_id, pair), rows in sorted(
        compared.items(), key=lambda item: (order[item[0][0]], item[0][1])
    ):
        labels = [(one.answer.judgement, other.answer.judgement) for _, one, other in rows]
        results.append(
            Agreement(
                question_id=question_id,
                inspectors=pair,
                cases=len(rows),
                agreed=sum(a == b for a, b in labels),
                kappa=cohens_kappa(labels),
                disagreements=tuple(
                    Disagreement(
                        case_id,
                        question_id,
                        (
                            (one.inspector, one.answer.judgement),
                            (other.inspector, other.answer.judgement),
                        ),
                    )
                    for case_id, one, other in sorted(rows, key=lambda row: row[0])
                    if one.answer.judgement != other.answer.judgement
                ),
            )
        )
    return tuple(results)
