"""Group breakdowns: each key question's figure per group; under 5 cases, "too few cases"."""

from __future__ import annotations

import pytest

from inspection_builders import answer, cases
from sufficiency.ratings import Case
from sufficiency.ratings.breakdowns import (
    MIN_CASES_PER_FIGURE,
    NOT_RECORDED,
    Grouping,
    breakdown,
)

CS = "case_supervision"


def figure(figures, group: str, question: str):
    return next(f for f in figures if f.group == group and f.question == question)


def test_the_threshold_is_five_cases():
    assert MIN_CASES_PER_FIGURE == 5


def test_a_group_of_4_cases_shows_too_few_cases(framework):
    sample = cases(CS, 4)
    figures = breakdown(
        framework, sample, answer("2.1.1", sample, 3, 1), {(c.id, CS): "North" for c in sample}
    )
    north = figure(figures, "North", "2.1.1")
    assert north.suppressed
    assert north.as_dict() == {
        "group": "North",
        "question": "2.1.1",
        "yes": None,  # the counts would give the figure away
        "no": None,
        "percent": None,
    }


def test_a_group_of_5_cases_shows_its_figure(framework):
    sample = cases(CS, 5)
    figures = breakdown(
        framework, sample, answer("2.1.1", sample, 3, 2), {(c.id, CS): "North" for c in sample}
    )
    north = figure(figures, "North", "2.1.1")
    assert not north.suppressed
    assert north.as_dict() == {
        "group": "North",
        "question": "2.1.1",
        "yes": 3,
        "no": 2,
        "percent": 60,
    }


def test_not_applicable_answers_do_not_make_up_the_five(framework):
    sample = cases(CS, 6)
    figures = breakdown(
        framework,
        sample,
        answer("2.1.1", sample, 3, 1, na=2),
        {(c.id, CS): "North" for c in sample},
    )
    assert figure(figures, "North", "2.1.1").suppressed  # a figure over 4 cases


def test_each_group_has_its_own_figure(framework):
    sample = cases(CS, 12)
    groups = {(c.id, CS): ("Female" if i < 5 else "Male") for i, c in enumerate(sample)}
    # Female: 4 yes, 1 no (80%); Male: 2 yes, 5 no (29%)
    answers = answer("2.1.1", sample[:5], 4, 1) + answer("2.1.1", sample[5:], 2, 5)
    figures = breakdown(framework, sample, answers, groups)
    assert figure(figures, "Female", "2.1.1").percent == 80
    assert figure(figures, "Male", "2.1.1").percent == 29


def test_every_key_question_of_the_sample_is_broken_down_in_framework_and_group_order(framework):
    sample = cases(CS, 10)
    groups = {(c.id, CS): ("high" if i % 2 else "low") for i, c in enumerate(sample)}
    figures = breakdown(framework, sample, [], groups, order=("low", "medium", "high"))
    case_supervision = [q.id for q in framework.key_questions.values() if q.id.startswith("2.")]
    assert [(f.question, f.group) for f in figures] == [
        (q, g) for q in case_supervision for g in ("low", "high")
    ]


def test_a_case_without_a_value_is_in_the_not_recorded_group(framework):
    sample = cases(CS, 5)
    figures = breakdown(framework, sample, answer("2.1.1", sample, 5, 0), {})
    assert figure(figures, NOT_RECORDED, "2.1.1").percent == 100


def test_rosh_questions_are_broken_down_over_the_relevant_subsample(framework):
    sample = cases(CS, 10, rosh_relevant=5)
    groups = {(c.id, CS): "All" for c in sample}
    figures = breakdown(framework, sample, answer("2.2.3", sample[:5], 4, 1), groups)
    assert figure(figures, "All", "2.2.3").percent == 80


def test_answers_of_cases_not_counted_are_left_out(framework):
    sample = cases(CS, 6)
    groups = {(c.id, CS): "North" for c in sample}
    figures = breakdown(framework, sample[:5], answer("2.1.1", sample, 5, 1), groups)
    assert figure(figures, "North", "2.1.1").percent == 100


def test_a_person_in_two_samples_is_grouped_in_each(framework):
    both = [Case("P-1", CS, False), Case("P-1", "unpaid_work", False)]
    figures = breakdown(framework, both, [], {("P-1", CS): "A", ("P-1", "unpaid_work"): "B"})
    assert {f.group for f in figures if f.question == "2.1.1"} == {"A"}
    assert {f.group for f in figures if f.question == "4.1.1"} == {"B"}


@pytest.mark.parametrize(
    ("grouping", "label"),
    [
        (Grouping.LDU, "Local delivery unit"),
        (Grouping.GENDER, "Gender"),
        (Grouping.DISPOSAL, "Disposal"),
        (Grouping.ROSH, "RoSH level"),
        (Grouping.INTERVIEWED, "Responsible officer interviewed"),
    ],
)
def test_the_five_groupings_have_readable_names(grouping, label):
    assert grouping.label == label
