"""Largest-remainder allocation: sums exactly, within one case of each proportional share."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sufficiency.sampling.allocation import allocate, quota, reserves_for


@st.composite
def strata_and_total(draw: st.DrawFn) -> tuple[list[int], int]:
    sizes = draw(st.lists(st.integers(min_value=0, max_value=5_000), min_size=1, max_size=40))
    if sum(sizes) == 0:
        sizes[0] = 1
    return sizes, draw(st.integers(min_value=0, max_value=sum(sizes)))


@given(strata_and_total())
def test_allocation_sums_exactly_and_stays_within_one_case_of_each_share(
    case: tuple[list[int], int],
) -> None:
    sizes, total = case
    counts = allocate(sizes, total)
    assert sum(counts) == total
    population = sum(sizes)
    for size, count in zip(sizes, counts, strict=True):
        share = Fraction(total * size, population)
        assert abs(count - share) < 1
        assert 0 <= count <= size


@given(strata_and_total())
def test_allocation_rounds_each_share_down_or_up(case: tuple[list[int], int]) -> None:
    sizes, total = case
    population = sum(sizes)
    for size, count in zip(sizes, allocate(sizes, total), strict=True):
        assert count in {total * size // population, -(-total * size // population)}


def test_the_leftover_cases_go_to_the_largest_remainders() -> None:
    # Shares 4.6, 3.3, 2.1: whole parts 4, 3, 2 leave one case, for the 0.6 remainder.
    assert allocate([46, 33, 21], 10) == [5, 3, 2]
    # Shares 1.5, 1.5, 2.0: one case left, the tie goes to the stratum listed first.
    assert allocate([3, 3, 4], 5) == [2, 1, 2]


def test_a_census_takes_every_case_and_nothing_takes_none() -> None:
    assert allocate([3, 0, 7], 10) == [3, 0, 7]
    assert allocate([3, 0, 7], 0) == [0, 0, 0]


def test_a_total_above_the_population_is_refused() -> None:
    with pytest.raises(ValueError):
        allocate([2, 3], 6)


def test_quota_is_exact() -> None:
    assert quota(1, 3, 10) == Fraction(10, 3)


@pytest.mark.parametrize(
    ("sample", "available", "fraction", "expected"),
    [
        (15, 100, 0.2, 3),  # 0.2 × 15 is 3, not the float 3.0000000000000004 rounded up to 4
        (1, 100, 0.2, 1),  # every sampled stratum gets a reserve
        (7, 100, 0.2, 2),  # 1.4 rounded up
        (10, 1, 0.2, 1),  # no more than the stratum has left
        (10, 100, 0.0, 0),
    ],
)
def test_reserves_per_stratum(sample: int, available: int, fraction: float, expected: int) -> None:
    assert reserves_for(sample, available, fraction) == expected
