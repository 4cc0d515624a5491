"""Sample size: enough cases for a confidence level and margin of error, corrected for a finite
eligible population.

    z  = the standard normal quantile at 1 − (1 − confidence)/2      (1.2816 for 80%)
    n0 = z²·p(1 − p)/e²                                              (164.24 for 80%, 5 points)
    n  = n0 / (1 + (n0 − 1)/N), rounded up, and never more than N
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist


@dataclass(frozen=True)
class SampleSize:
    """A sample size with the numbers it came from, and any override."""

    population: int  # N: the eligible population
    confidence: float
    margin: float  # e, as a proportion (0.05 is 5 percentage points)
    proportion: float  # p
    z: float
    n0: float  # before the finite population correction
    corrected: float  # after it, before rounding up
    calculated: int  # what the formula gives: ⌈corrected⌉, at most N
    override: int | None = None  # an explicit size, which replaces the calculated one

    @property
    def size(self) -> int:
        """The sample size used: the override if there is one, never more than N."""
        return self.calculated if self.override is None else min(self.override, self.population)

    @property
    def capped(self) -> bool:
        """Whether an override asked for more cases than are eligible."""
        return self.override is not None and self.override > self.population

    def explain(self) -> list[str]:
        """The calculation written out with its numbers."""
        e, p, big_n = self.margin, self.proportion, self.population
        lines = [
            f"z = {self.z:.4f} ({self.confidence:.0%} confidence), p = {p:g}, "
            f"e = {e:g} ({e * 100:g} percentage points), N = {big_n:,} eligible",
            f"n0 = z²·p(1−p)/e² = {self.z:.4f}² × {p:g} × {1 - p:g} / {e:g}² = {self.n0:.2f}",
            f"n = n0 / (1 + (n0 − 1)/N) = {self.n0:.2f} / (1 + {self.n0 - 1:.2f}/{big_n:,}) "
            f"= {self.corrected:.2f}, rounded up: {math.ceil(self.corrected)}"
            + (f", but only {big_n:,} are eligible" if math.ceil(self.corrected) > big_n else ""),
        ]
        if self.override is not None:
            lines.append(
                f"override: --size {self.override} replaces the calculated {self.calculated}"
                + (
                    f"; only {big_n:,} are eligible, so the sample is {big_n:,}"
                    if self.capped
                    else ""
                )
            )
        return lines


def sample_size(
    population: int,
    confidence: float,
    margin: float,
    proportion: float = 0.5,
    override: int | None = None,
) -> SampleSize:
    """The sample size for an eligible population of ``population`` cases."""
    if population < 1:
        raise ValueError("there must be at least one eligible case")
    for name, value in (("confidence", confidence), ("margin", margin), ("proportion", proportion)):
        if not 0 < value < 1:
            raise ValueError(f"{name} must be between 0 and 1 (exclusive), not {value}")
    if override is not None and override < 1:
        raise ValueError(f"a sample size must be at least 1, not {override}")
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    corrected = n0 / (1 + (n0 - 1) / population)
    calculated = min(math.ceil(corrected), population)
    return SampleSize(
        population, confidence, margin, proportion, z, n0, corrected, calculated, override
    )
