"""Group breakdowns: every key question's percentage within each group of cases.

Groups are the values of one grouping over the counted cases: the local delivery unit, gender,
disposal, RoSH level, or whether the responsible officer was interviewed. A figure drawn from
fewer than ``MIN_CASES_PER_FIGURE`` cases is never given, nor its yes and no counts (they would
give it away): it is "too few cases", on the page, in exports and in the API alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sufficiency.framework import Framework
from sufficiency.ratings.engine import CaseKey
from sufficiency.ratings.model import Answer, Case, Judgement
from sufficiency.ratings.statistics import whole_percent

# The framework has no place for this rule yet; this is its one place.
MIN_CASES_PER_FIGURE = 5  # a group figure from fewer yes-or-no answers is "too few cases"
TOO_FEW_CASES = "too few cases"
NOT_RECORDED = "not recorded"  # the group of a case whose value is not known


class Grouping(StrEnum):
    """What the counted cases can be broken down by."""

    LDU = "ldu"
    GENDER = "gender"
    DISPOSAL = "disposal"
    ROSH = "rosh"
    INTERVIEWED = "interviewed"  # whether the responsible officer was interviewed

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Grouping.LDU: "Local delivery unit",
    Grouping.GENDER: "Gender",
    Grouping.DISPOSAL: "Disposal",
    Grouping.ROSH: "RoSH level",
    Grouping.INTERVIEWED: "Responsible officer interviewed",
}


@dataclass(frozen=True)
class GroupFigure:
    """One key question within one group; the counts and percent are None when suppressed."""

    group: str
    question: str
    yes: int | None
    no: int | None
    percent: int | None

    @property
    def suppressed(self) -> bool:
        return self.percent is None  # a shown figure has at least one yes or no

    def as_dict(self) -> dict[str, object]:
        """The API's shape: group, question, yes, no, percent (null when suppressed)."""
        return {
            "group": self.group,
            "question": self.question,
            "yes": self.yes,
            "no": self.no,
            "percent": self.percent,
        }


def group_figure(group: str, question: str, yes: int, no: int) -> GroupFigure:
    """A group's figure for one key question, or "too few cases" below the minimum."""
    if yes + no < MIN_CASES_PER_FIGURE:
        return GroupFigure(group, question, None, None, None)
    return GroupFigure(group, question, yes, no, whole_percent(yes, yes + no))


def breakdown(
    framework: Framework,
    cases: Sequence[Case],
    answers: Iterable[Answer],
    group_of: Mapping[CaseKey, str],
    order: Sequence[str] = (),
) -> tuple[GroupFigure, ...]:
    """Every key question's figure per group, for the groups that have cases in its sample.

    ``cases`` are the counted cases, ``group_of`` gives each one's group by (case id, sample);
    a case without one is in the group "not recorded". Key questions come in framework order,
    and groups within each in ``order`` (then any others alphabetically).
    """
    groups_in_sample: dict[str, set[str]] = {}
    for case in cases:
        label = group_of.get((case.id, case.sample)) or NOT_RECORDED
        groups_in_sample.setdefault(case.sample, set()).add(label)
    known = {(c.id, c.sample) for c in cases}
    tally: Counter[tuple[str, str, Judgement]] = Counter()
    for answer in answers:
        standard = framework.standard_of.get(answer.question_id)
        if standard is None or (answer.case_id, standard.sample or "") not in known:
            continue  # only the counted cases' answers to the framework's key questions
        label = group_of.get((answer.case_id, standard.sample or "")) or NOT_RECORDED
        tally[(label, answer.question_id, answer.judgement)] += 1
    rank = {label: i for i, label in enumerate(order)}
    figures = []
    for question in framework.key_questions.values():
        sample = framework.standard_of[question.id].sample or ""
        labels = sorted(groups_in_sample.get(sample, ()), key=lambda g: (rank.get(g, len(rank)), g))
        for label in labels:
            yes = tally[(label, question.id, Judgement.YES)]
            no = tally[(label, question.id, Judgement.NO)]
            figures.append(group_figure(label, question.id, yes, no))
    return tuple(figures)
