"""The ratings rules of the 2018/19 framework, one test per rule."""

from __future__ import annotations

import pytest

from inspection_builders import NA, YES, answer, cases
from sufficiency.framework import Rating
from sufficiency.ratings import Answer, Case, Decision, RatingsInputError, rate

CS = "case_supervision"


def only(question: str, yes: int, no: int, na: int = 0, *, rosh: int = 0, total: int = 0):
    sample = cases(CS, total or yes + no + na, rosh_relevant=rosh)
    return sample, answer(question, sample if not rosh else sample[:rosh], yes, no, na)


# Rule 1: key question percentage = yes ÷ (yes + no), a whole percent.


def test_percentage_is_yes_over_yes_and_no(framework):
    sample, answers = only("2.1.1", yes=41, no=59)
    result = rate(framework, answers, cases=sample).key_question("2.1.1")
    assert (result.yes, result.no, result.percent) == (41, 59, 41)


def test_not_applicable_is_left_out_of_the_denominator(framework):
    sample, answers = only("2.1.1", yes=30, no=10, na=60)
    result = rate(framework, answers, cases=sample).key_question("2.1.1")
    assert result.not_applicable == 60
    assert result.percent == 75  # 30 of 40, not 30 of 100


def test_an_unanswered_question_is_a_gap_not_a_no(framework):
    sample, answers = only("2.1.1", yes=45, no=5, total=100)
    result = rate(framework, answers, cases=sample).key_question("2.1.1")
    assert result.unanswered == 50
    assert result.percent == 90


@pytest.mark.parametrize(
    ("yes", "answered", "percent"),
    [(1, 8, 13), (129, 200, 65), (99, 200, 50), (1, 3, 33), (2, 3, 67), (0, 7, 0), (7, 7, 100)],
)
def test_percentages_are_whole_with_halves_rounded_up(framework, yes, answered, percent):
    sample, answers = only("2.1.1", yes=yes, no=answered - yes)
    assert rate(framework, answers, cases=sample).key_question("2.1.1").percent == percent


def test_no_yes_or_no_answers_means_no_percentage(framework):
    sample, answers = only("2.1.1", yes=0, no=0, na=4)
    result = rate(framework, answers, cases=sample).key_question("2.1.1")
    assert result.percent is None and result.ci_low is None


# Rule 2: a case-data standard's rating is driven by its lowest key question.


def test_the_lowest_key_question_drives_the_standard(framework):
    sample = cases(CS, 20, rosh_relevant=10)
    answers = (
        answer("2.2.1", sample, yes=18, no=2)  # 90%
        + answer("2.2.2", sample, yes=13, no=7)  # 65%
        + answer("2.2.3", sample[:10], yes=7, no=3)  # 70%, over the relevant sub-sample
    )
    standard = rate(framework, answers, cases=sample).standard("2.2")
    assert standard.driving_question == "2.2.2"
    assert standard.calculated_rating is Rating.GOOD
    assert standard.awarded_rating is Rating.GOOD
    assert not standard.panel_adjusted


@pytest.mark.parametrize(
    ("yes", "rating"),
    [
        (80, Rating.OUTSTANDING),
        (79, Rating.GOOD),
        (65, Rating.GOOD),
        (64, Rating.REQUIRES_IMPROVEMENT),
        (50, Rating.REQUIRES_IMPROVEMENT),
        (49, Rating.INADEQUATE),
    ],
)
def test_band_edges(framework, yes, rating):
    sample, answers = only("2.1.1", yes=yes, no=100 - yes)
    assert rate(framework, answers, cases=sample).standard("2.1").calculated_rating is rating


def test_rosh_questions_are_over_the_relevant_subsample(framework):
    sample = cases(CS, 10, rosh_relevant=4)
    answers = answer("2.2.3", sample[:4], yes=1, no=2)
    result = rate(framework, answers, cases=sample).key_question("2.2.3")
    assert result.unanswered == 1  # four relevant cases, three answered
    assert result.percent == 33


# Rule 3: domain one is rated by inspectors' judgement.


def test_judgement_standards_take_the_recorded_judgement(framework):
    decision = Decision("1.1", Rating.GOOD, "Leaders know their staff well (interviews, survey).")
    standard = rate(framework, [], [decision]).standard("1.1")
    assert standard.calculated_rating is None
    assert standard.awarded_rating is Rating.GOOD
    assert standard.reason and standard.reason.startswith("Leaders")
    assert not standard.panel_adjusted


def test_a_judgement_standard_without_a_judgement_is_not_yet_rated(framework):
    assert rate(framework, []).standard("1.2").awarded_rating is None


# Rule 4: a ratings panel may award another rating, with a reason; both ratings are kept.


def test_a_panel_decision_awards_a_different_rating_and_keeps_the_calculated_one(framework):
    sample, answers = only("2.4.1", yes=49, no=51)
    panel = Decision("2.4", Rating.REQUIRES_IMPROVEMENT, "Marginal; a small number of cases.")
    standard = rate(framework, answers, [panel], cases=sample).standard("2.4")
    assert standard.calculated_rating is Rating.INADEQUATE
    assert standard.awarded_rating is Rating.REQUIRES_IMPROVEMENT
    assert standard.panel_adjusted
    assert standard.reason == "Marginal; a small number of cases."


def test_a_panel_decision_without_a_reason_is_an_error(framework):
    sample, answers = only("2.4.1", yes=49, no=51)
    with pytest.raises(RatingsInputError, match="gives no reason"):
        rate(framework, answers, [Decision("2.4", Rating.GOOD, "  ")], cases=sample)


def test_a_panel_decision_agreeing_with_the_calculation_is_not_an_adjustment(framework):
    sample, answers = only("2.4.1", yes=70, no=30)
    panel = Decision("2.4", Rating.GOOD, "Confirmed at the panel.")
    standard = rate(framework, answers, [panel], cases=sample).standard("2.4")
    assert standard.awarded_rating is Rating.GOOD and not standard.panel_adjusted


# Rule 5: the overall rating from the sum of the awarded ratings' scores.


def all_standards_rated(framework, rating: Rating) -> list[Decision]:
    return [Decision(sid, rating, "Panel decision for the test.") for sid in framework.standards]


@pytest.mark.parametrize(
    ("rating", "score"),
    [
        (Rating.INADEQUATE, 0),
        (Rating.REQUIRES_IMPROVEMENT, 10),
        (Rating.GOOD, 20),
        (Rating.OUTSTANDING, 30),
    ],
)
def test_overall_score_is_the_sum_of_the_awarded_ratings(framework, rating, score):
    overall = rate(framework, [], all_standards_rated(framework, rating)).overall
    assert overall is not None
    assert (overall.score, overall.rating) == (score, rating)


def test_no_overall_rating_until_every_standard_has_an_awarded_rating(framework):
    decisions = all_standards_rated(framework, Rating.GOOD)[:-1]
    assert rate(framework, [], decisions).overall is None


# Statistics for the panel.


def test_the_interval_is_the_95_percent_wilson_interval(framework):
    sample, answers = only("2.1.1", yes=82, no=18)
    result = rate(framework, answers, cases=sample).key_question("2.1.1")
    # Wilson: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964
    z, n, p = 1.959964, 100, 0.82
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    assert result.ci_low == pytest.approx(100 * (centre - half), abs=0.05)
    assert result.ci_high == pytest.approx(100 * (centre + half), abs=0.05)


def test_borderline_when_the_driving_interval_crosses_a_threshold(framework):
    sample, answers = only("2.1.1", yes=49, no=51)  # 49%: interval about 39–59 crosses 50
    assert rate(framework, answers, cases=sample).standard("2.1").borderline
    sample, answers = only("2.1.1", yes=580, no=420)  # 58% of 1000: about 55–61, no threshold
    assert not rate(framework, answers, cases=sample).standard("2.1").borderline


# Errors, not guesses.


def test_an_answer_to_an_unknown_key_question_is_an_error(framework):
    sample = cases(CS, 1)
    with pytest.raises(RatingsInputError, match=r"unknown key question '2\.9\.9'"):
        rate(framework, [Answer(sample[0].id, "2.9.9", YES)], cases=sample)


def test_an_answer_for_an_unknown_case_is_an_error(framework):
    sample = cases(CS, 1)
    with pytest.raises(RatingsInputError, match="unknown case 'ZZZ-1'"):
        rate(framework, [Answer("ZZZ-1", "2.1.1", YES)], cases=sample)


def test_a_case_answered_for_another_samples_question_is_an_error(framework):
    sample = cases(CS, 1)
    with pytest.raises(RatingsInputError, match="asked of the unpaid_work sample"):
        rate(framework, [Answer(sample[0].id, "4.1.1", YES)], cases=sample)


def test_a_rosh_question_for_a_case_outside_the_relevant_subsample_is_an_error(framework):
    sample = [Case("CS-1", CS, rosh_relevant=False)]
    with pytest.raises(RatingsInputError, match="case CS-1 is not in it"):
        rate(framework, [Answer("CS-1", "2.3.3", NA)], cases=sample)


def test_two_answers_to_one_question_for_one_case_is_an_error(framework):
    sample = cases(CS, 1)
    twice = [Answer(sample[0].id, "2.1.1", YES)] * 2
    with pytest.raises(RatingsInputError, match="more than one answer"):
        rate(framework, twice, cases=sample)


def test_a_decision_for_an_unknown_standard_is_an_error(framework):
    with pytest.raises(RatingsInputError, match=r"unknown standard '3\.1'"):
        rate(framework, [], [Decision("3.1", Rating.GOOD, "NPS standard")])


def test_every_problem_is_reported_at_once(framework):
    sample = cases(CS, 1)
    bad = [Answer(sample[0].id, "2.9.9", YES), Answer("ZZZ-1", "2.1.1", YES)]
    with pytest.raises(RatingsInputError) as caught:
        rate(framework, bad, [Decision("2.1", Rating.GOOD, "")], cases=sample)
    assert len(caught.value.problems) == 3


def test_without_a_case_list_cases_are_inferred_from_the_answers(framework):
    answers = [Answer("A", "2.1.1", YES), Answer("B", "2.1.1", NA), Answer("A", "2.2.3", YES)]
    result = rate(framework, answers)
    assert result.key_question("2.1.1").unanswered == 0
    assert result.key_question("2.2.3").unanswered == 0  # only case A is in the sub-sample
    assert result.key_question("2.1.2").unanswered == 2


def test_the_interval_is_scipys_wilson_interval_for_every_small_sample():
    from scipy.stats import binomtest

    from sufficiency.ratings import wilson_interval

    for answered in range(1, 61):
        for yes in range(answered + 1):
            ci = binomtest(yes, answered).proportion_ci(confidence_level=0.95, method="wilson")
            low, high = wilson_interval(yes, answered, 0.95)
            assert low == pytest.approx(100 * ci.low, abs=1e-9)
            assert high == pytest.approx(100 * ci.high, abs=1e-9)
