"""Sample size: n0 = z²·p(1−p)/e², the finite population correction, rounded up."""

from __future__ import annotations

from statistics import NormalDist

import pytest

from sufficiency.sampling.size import sample_size


@pytest.mark.parametrize(("population", "expected"), [(300, 107), (1_000, 142), (2_000, 152)])
def test_the_issue_s_numbers_at_80_percent_and_5_points(population: int, expected: int) -> None:
    assert sample_size(population, 0.80, 0.05).size == expected


def test_z_is_the_normal_quantile_not_a_rounded_1_28() -> None:
    calc = sample_size(1_000, 0.80, 0.05)
    assert calc.z == NormalDist().inv_cdf(0.90)
    assert calc.z != 1.28
    # The methodology: z = 1.2816 gives n0 ≈ 164.2.
    assert calc.n0 == pytest.approx(164.24, abs=0.005)
    # With z = 1.28, n0 would be 163.84.
    assert calc.n0 - 1.28**2 * 0.25 / 0.05**2 > 0.3


def test_the_formula_is_shown_with_its_numbers() -> None:
    text = "\n".join(sample_size(2_000, 0.80, 0.05).explain())
    assert "1.2816" in text
    assert "164.24" in text
    assert "2,000" in text
    assert "151.84" in text
    assert "rounded up: 152" in text


def test_never_more_than_the_eligible_population() -> None:
    for population in (1, 2, 5, 40, 100):
        calc = sample_size(population, 0.80, 0.05)
        assert 1 <= calc.size <= population
    assert sample_size(1, 0.95, 0.01).size == 1


def test_a_tighter_margin_or_higher_confidence_needs_more_cases() -> None:
    base = sample_size(5_000, 0.80, 0.05).size
    assert sample_size(5_000, 0.95, 0.05).size > base
    assert sample_size(5_000, 0.80, 0.03).size > base


def test_an_override_replaces_the_calculation_and_is_recorded() -> None:
    calc = sample_size(2_000, 0.80, 0.05, override=120)
    assert calc.size == 120
    assert calc.calculated == 152
    assert not calc.capped
    assert any("override" in line and "120" in line and "152" in line for line in calc.explain())


def test_an_override_above_the_eligible_count_is_capped() -> None:
    calc = sample_size(30, 0.80, 0.05, override=50)
    assert calc.size == 30
    assert calc.capped
    assert "only 30 are eligible" in calc.explain()[-1]


@pytest.mark.parametrize(
    ("population", "confidence", "margin", "override"),
    [(0, 0.8, 0.05, None), (10, 1.0, 0.05, None), (10, 0.8, 0.0, None), (10, 0.8, 0.05, 0)],
)
def test_impossible_settings_are_refused(
    population: int, confidence: float, margin: float, override: int | None
) -> None:
    with pytest.raises(ValueError):
        sample_size(population, confidence, margin, override=override)
