"""The ratings panel: a rating other than the calculated one needs grounds and a reason."""

from __future__ import annotations

import pytest

from inspection_builders import answer, cases
from sufficiency.framework import Rating
from sufficiency.ratings import Decision, PanelGrounds, rate
from sufficiency.ratings.panel import check_panel_decision, panel_problems

RI, INADEQUATE, GOOD = Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE, Rating.GOOD
REASON = "The lowest key question was marginal and drawn from a small number of cases."


def problems(framework, calculated, decision):
    return [(p.field, p.message) for p in check_panel_decision(framework, calculated, decision)]


def test_an_uplift_with_grounds_and_a_reason_is_accepted(framework):
    decision = Decision("2.4", RI, REASON, grounds=PanelGrounds.MARGINAL)
    assert problems(framework, INADEQUATE, decision) == []


def test_an_uplift_without_grounds_is_refused(framework):
    found = problems(framework, INADEQUATE, Decision("2.4", RI, REASON))
    assert [field for field, _ in found] == ["grounds"]
    assert "awards 2.4 Requires improvement, not the calculated Inadequate" in found[0][1]


def test_an_uplift_without_a_reason_is_refused(framework):
    found = problems(framework, INADEQUATE, Decision("2.4", RI, "  ", grounds=PanelGrounds.OTHER))
    assert [field for field, _ in found] == ["reason"]
    assert "footnote" in found[0][1]


def test_a_rating_with_neither_gets_both_problems(framework):
    assert [f for f, _ in problems(framework, GOOD, Decision("2.1", RI, ""))] == [
        "grounds",
        "reason",
    ]


def test_confirming_the_calculated_rating_needs_no_grounds(framework):
    assert problems(framework, GOOD, Decision("2.1", GOOD, "")) == []


def test_grounds_are_only_for_a_rating_that_differs(framework):
    found = problems(framework, GOOD, Decision("2.1", GOOD, REASON, grounds=PanelGrounds.OTHER))
    assert [field for field, _ in found] == ["grounds"]


def test_awarding_a_rating_where_none_is_calculated_yet_is_a_difference(framework):
    found = problems(framework, None, Decision("2.1", GOOD, ""))
    assert [field for field, _ in found] == ["grounds", "reason"]


def test_domain_one_is_the_inspectors_judgement_not_the_panels(framework):
    found = problems(framework, None, Decision("1.1", GOOD, REASON, grounds=PanelGrounds.OTHER))
    assert found == [
        (
            "standard_id",
            "standard 1.1 is rated by the inspectors' judgement (domain one), not by the ratings panel",
        )
    ]


@pytest.mark.parametrize(
    ("grounds", "label"),
    [
        (PanelGrounds.MARGINAL, "Marginal result from few cases"),
        (PanelGrounds.WIDER_EVIDENCE, "Wider evidence"),
        (PanelGrounds.OTHER, "Other"),
    ],
)
def test_the_three_grounds(grounds, label):
    assert grounds.label == label


def test_the_panels_decisions_are_checked_against_the_calculated_ratings(framework):
    sample = cases("case_supervision", 100)
    answers = answer("2.4.1", sample, yes=49, no=51) + answer("2.1.1", sample, yes=70, no=30)
    decisions = [
        Decision("2.4", RI, REASON),  # uplift from Inadequate without grounds
        Decision("2.1", GOOD, "Confirmed."),  # agrees with the calculation
        Decision("1.1", GOOD, "Inspectors' judgement."),  # domain one: not the panel's
    ]
    result = rate(framework, answers, decisions, cases=sample)
    found = panel_problems(framework, result, decisions)
    assert [(p.field, p.message.split(":")[0]) for p in found] == [
        ("grounds", "the panel awards 2.4 Requires improvement, not the calculated Inadequate")
    ]
    # both ratings stay on record
    assert result.standard("2.4").calculated_rating is INADEQUATE
    assert result.standard("2.4").awarded_rating is RI
