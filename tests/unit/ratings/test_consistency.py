"""Consistency between inspectors: agreement and Cohen's kappa on double-marked cases."""

from __future__ import annotations

import pytest

from inspection_builders import NA, NO, YES
from sufficiency.ratings import Answer, RatingsInputError
from sufficiency.ratings.consistency import MarkedAnswer, consistency
from sufficiency.ratings.statistics import cohens_kappa


def table(*cells: tuple[object, object, int]) -> list[tuple[object, object]]:
    """Rating pairs from a contingency table: (first rater's label, second's, how many)."""
    return [(a, b) for a, b, n in cells for _ in range(n)]


# Cohen's kappa, against published worked examples.


def test_kappa_for_the_fifty_grant_proposals_is_0_4():
    # Wikipedia, "Cohen's kappa", simple example: pₒ = 0.7, pₑ = 0.5.
    pairs = table(("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10), ("no", "no", 15))
    assert cohens_kappa(pairs) == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("both_yes", "yes_no", "no_yes", "both_no", "kappa"),
    [
        (45, 15, 25, 15, 0.1304),  # the same 60% agreement …
        (25, 35, 5, 35, 0.2593),  # … with different margins gives a different kappa
    ],
)
def test_kappa_depends_on_the_margins_not_only_on_agreement(
    both_yes, yes_no, no_yes, both_no, kappa
):
    pairs = table(
        ("yes", "yes", both_yes),
        ("yes", "no", yes_no),
        ("no", "yes", no_yes),
        ("no", "no", both_no),
    )
    assert cohens_kappa(pairs) == pytest.approx(kappa, abs=5e-5)


def test_kappa_over_three_categories():
    # Fleiss, Levin and Paik, Statistical Methods for Rates and Proportions, ch. 18: two
    # psychiatrists' diagnoses of 100 patients; pₒ = .89, pₑ = .66, kappa = .23/.34.
    pairs = table(
        ("psychotic", "psychotic", 75), ("psychotic", "neurotic", 1), ("psychotic", "organic", 4),
        ("neurotic", "psychotic", 5), ("neurotic", "neurotic", 4), ("neurotic", "organic", 1),
        ("organic", "organic", 10),
    )  # fmt: skip
    assert cohens_kappa(pairs) == pytest.approx(0.23 / 0.34)


def test_perfect_agreement_is_1_and_perfect_disagreement_is_minus_1():
    assert cohens_kappa(table(("yes", "yes", 3), ("no", "no", 2))) == pytest.approx(1.0)
    assert cohens_kappa(table(("yes", "no", 4), ("no", "yes", 4))) == pytest.approx(-1.0)


def test_kappa_is_undefined_when_both_give_one_answer_throughout():
    assert cohens_kappa(table(("yes", "yes", 6))) is None


def test_kappa_needs_at_least_one_case():
    with pytest.raises(ValueError, match="at least one"):
        cohens_kappa([])


# Agreement per key question and inspector pair.


def marked(inspector: str, question: str, *judgements, start: int = 0) -> list[MarkedAnswer]:
    return [
        MarkedAnswer(Answer(f"CS-{start + i:03d}", question, j), inspector)
        for i, j in enumerate(judgements)
    ]


def test_agreement_rate_kappa_and_cases_per_key_question(framework):
    first = marked("ann", "2.1.1", YES, YES, NO, NO, YES)
    second = marked("bob", "2.1.1", YES, NO, NO, NO, YES)
    (result,) = consistency(framework, first, second)
    assert (result.question_id, result.inspectors) == ("2.1.1", ("ann", "bob"))
    assert (result.cases, result.agreed, result.percent) == (5, 4, 80)
    # pₒ = 4/5; pₑ = (3·2 + 2·3)/25 = 12/25; kappa = (20 − 12)/(25 − 12)
    assert result.kappa == pytest.approx(8 / 13)


def test_the_cases_where_they_disagree_are_listed_with_both_answers(framework):
    first = marked("ann", "2.1.1", YES, YES, NA)
    second = marked("bob", "2.1.1", YES, NO, YES)
    (result,) = consistency(framework, first, second)
    assert [(d.case_id, d.judgements) for d in result.disagreements] == [
        ("CS-001", (("ann", YES), ("bob", NO))),
        ("CS-002", (("ann", NA), ("bob", YES))),
    ]


def test_a_pair_is_the_same_pair_whichever_inspector_marked_first(framework):
    first = marked("bob", "2.1.1", YES, NO) + marked("ann", "2.1.1", YES, start=2)
    second = marked("ann", "2.1.1", YES, NO) + marked("bob", "2.1.1", NO, start=2)
    (result,) = consistency(framework, first, second)
    assert result.inspectors == ("ann", "bob") and result.cases == 3 and result.agreed == 2


def test_each_pair_and_key_question_is_its_own_row_in_framework_order(framework):
    first = (
        marked("ann", "2.2.1", YES)
        + marked("ann", "2.1.1", YES)
        + marked("cat", "2.1.1", NO, start=5)
    )
    second = (
        marked("bob", "2.2.1", YES)
        + marked("bob", "2.1.1", NO)
        + marked("dan", "2.1.1", NO, start=5)
    )
    rows = consistency(framework, first, second)
    assert [(r.question_id, r.inspectors, r.cases) for r in rows] == [
        ("2.1.1", ("ann", "bob"), 1),
        ("2.1.1", ("cat", "dan"), 1),
        ("2.2.1", ("ann", "bob"), 1),
    ]


def test_a_question_only_one_inspector_answered_is_not_compared(framework):
    first = marked("ann", "2.1.1", YES, YES)
    second = marked("bob", "2.1.1", YES)
    (result,) = consistency(framework, first, second)
    assert result.cases == 1


def test_a_case_cannot_be_second_marked_by_its_own_inspector(framework):
    with pytest.raises(RatingsInputError, match="double marked by its own inspector, ann"):
        consistency(framework, marked("ann", "2.1.1", YES), marked("ann", "2.1.1", NO))


def test_a_second_answer_to_an_unknown_key_question_is_an_error(framework):
    with pytest.raises(RatingsInputError, match=r"unknown key question '2\.9\.9'"):
        consistency(framework, [], marked("bob", "2.9.9", YES))
