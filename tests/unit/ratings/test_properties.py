"""Properties the engine keeps for any answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inspection_builders import answer, cases
from sufficiency.ratings import rate, whole_percent

CS = "case_supervision"
counts = st.integers(min_value=0, max_value=150)


@settings(max_examples=200, deadline=None)
@given(yes=counts, no=counts)
def test_percentages_stay_within_0_and_100(yes, no):
    if yes + no:
        assert 0 <= whole_percent(yes, yes + no) <= 100


@settings(max_examples=60, deadline=None)
@given(yes=counts, no=counts, more_yes=st.integers(min_value=1, max_value=50))
def test_more_yes_answers_never_lower_the_rating(framework, yes, no, more_yes):
    def rating_with(y: int) -> int:
        sample = cases(CS, y + no)
        result = rate(framework, answer("2.1.1", sample, y, no), cases=sample)
        rating = result.standard("2.1").calculated_rating
        return -1 if rating is None else framework.ratings.scores[rating]

    assert rating_with(yes + more_yes) >= rating_with(yes)


@settings(max_examples=200, deadline=None)
@given(p=st.integers(min_value=0, max_value=100), q=st.integers(min_value=0, max_value=100))
def test_rating_is_monotone_in_the_percentage(framework, p, q):
    low, high = sorted((p, q))
    scores = framework.ratings.scores
    assert (
        scores[framework.ratings.rating_for_percent(low)]
        <= scores[framework.ratings.rating_for_percent(high)]
    )


@settings(max_examples=60, deadline=None)
@given(yes=counts, no=counts, na=st.integers(min_value=1, max_value=100))
def test_not_applicable_never_changes_a_percentage(framework, yes, no, na):
    without = cases(CS, yes + no)
    with_na = cases(CS, yes + no + na)
    before = rate(framework, answer("2.1.1", without, yes, no), cases=without)
    after = rate(framework, answer("2.1.1", with_na, yes, no, na), cases=with_na)
    b, a = before.key_question("2.1.1"), after.key_question("2.1.1")
    assert (a.yes, a.no, a.percent) == (b.yes, b.no, b.percent)
    assert a.not_applicable == na
