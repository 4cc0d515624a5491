"""Proportional allocation of a sample over strata, by largest remainder.

Each stratum's exact share is n·N_h/N. Every stratum first gets the whole part of its share; the
cases left over go one each to the strata with the largest remainders (ties: the stratum listed
first). So the strata add up to exactly n, and each is within one case of its exact share (never
over a stratum's size, since a whole share only rounds up where a remainder exists).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def allocate(sizes: Sequence[int], total: int) -> list[int]:
    """Split ``total`` over strata of the given sizes in proportion to their sizes."""
    population = sum(sizes)
    if any(size < 0 for size in sizes):
        raise ValueError("stratum sizes cannot be negative")
    if not 0 <= total <= population:
        raise ValueError(f"cannot allocate {total} cases over a population of {population}")
    if total == 0:
        return [0] * len(sizes)
    whole = [total * size // population for size in sizes]
    remainders = [total * size % population for size in sizes]  # exact, in units of 1/N
    left = total - sum(whole)
    by_remainder = sorted(range(len(sizes)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:left]:
        whole[i] += 1
    return whole


def quota(size: int, population: int, total: int) -> Fraction:
    """A stratum's exact proportional share of the sample."""
    return Fraction(total * size, population)


def reserves_for(sample: int, available: int, fraction: float) -> int:
    """A stratum's reserve: ⌈fraction × its sample⌉ cases, as far as it has cases left.

    Rounding up gives every stratum that has sampled cases at least one reserve (when it has a
    case to spare), so a case can always be replaced from its own stratum.
    """
    if fraction < 0:
        raise ValueError("the reserve fraction cannot be negative")
    exact = Fraction(fraction).limit_denominator(1_000_000) * sample  # 0.2 is 1/5, not 0.2000…01
    return min(math.ceil(exact), available)
