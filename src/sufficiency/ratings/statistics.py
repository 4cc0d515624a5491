"""Statistics that help the ratings panel: whole percentages and confidence intervals."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from fractions import Fraction


def whole_percent(yes: int, answered: int) -> int:
    """yes ÷ answered as a whole percent, halves rounded up (as the inspectorate publishes)."""
    if answered <= 0:
        raise ValueError("a percentage needs at least one answered case")
    if not 0 <= yes <= answered:
        raise ValueError(f"yes count {yes} is outside 0–{answered}")
    return (200 * yes + answered) // (2 * answered)


def wilson_interval(yes: int, answered: int, confidence: float) -> tuple[float, float]:
    """The Wilson score interval for yes ÷ answered, in percent (no continuity correction).

    The closed form, as scipy's ``binomtest(...).proportion_ci(method="wilson")`` computes it
    (a test holds the two equal); that call also runs a p-value search the interval does not
    need, which made it most of the time of rating an inspection.
    """
    from scipy.special import ndtri  # scipy is slow to import and only needed here

    if answered <= 0:
        raise ValueError("an interval needs at least one answered case")
    z = float(ndtri(0.5 + 0.5 * confidence))
    p = yes / answered
    denominator = 2 * (answered + z * z)
    centre = (2 * answered * p + z * z) / denominator
    half_width = z * math.sqrt(4 * answered * p * (1 - p) + z * z) / denominator
    return max(0.0, 100.0 * (centre - half_width)), min(100.0, 100.0 * (centre + half_width))


def crosses_threshold(low: float, high: float, thresholds: tuple[int, ...]) -> bool:
    """Whether an interval straddles a band threshold: the true figure could be in either band."""
    return any(low < t <= high for t in thresholds)


def cohens_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa for two raters' labels of the same items, (pₒ − pₑ) ÷ (1 − pₑ).

    pₒ is the share of items they label alike; pₑ the share expected by chance from each
    rater's own label frequencies. None when pₑ is 1 (both raters gave one and the same label
    to every item), where kappa is undefined.
    """
    n = len(pairs)
    if n == 0:
        raise ValueError("kappa needs at least one item rated twice")
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    observed = Fraction(sum(a == b for a, b in pairs), n)
    expected = Fraction(sum(first[label] * second[label] for label in first), n * n)
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))
