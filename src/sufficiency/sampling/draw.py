"""The draw: a simple random sample within each stratum, a reserve list, and replacements.

Randomness comes from Python's own Mersenne Twister seeded with the given seed, through its
``random()`` method only, whose sequence for a given integer seed Python guarantees not to change
between versions; integers are drawn from it without bias by rejection. Strata are visited in a
fixed order and each stratum's cases are ordered by case_id, so the same caseload, options and
seed give the same sample on any machine, whatever the order of the file's rows.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

from sufficiency.sampling.allocation import allocate, quota, reserves_for
from sufficiency.sampling.eligibility import EligiblePopulation, Stratum
from sufficiency.sampling.size import SampleSize

_BITS = 53  # random() returns k / 2**53 for a uniform 53-bit k


class Selection(StrEnum):
    SAMPLE = "sample"
    RESERVE = "reserve"
    REPLACED = "replaced"  # a sampled case that could not be inspected and was replaced


@dataclass(frozen=True)
class StratumAllocation:
    stratum: Stratum
    share: Fraction  # its exact proportional share of the sample, n·N_h/N
    sample: int
    reserves: int


@dataclass(frozen=True)
class SelectedCase:
    row: int  # the case's row in the caseload (0-based, after any blank rows)
    case_id: str
    stratum: str
    selection: Selection


@dataclass(frozen=True, eq=False)
class Sample:
    """A drawn sample with its reserve list, and how it was drawn."""

    population: EligiblePopulation
    size: SampleSize
    seed: int
    reserve_fraction: float
    allocation: tuple[StratumAllocation, ...]
    # The sampled cases (stratum by stratum, by case_id), then the reserves (stratum by stratum,
    # in the random order they are to be used in).
    cases: tuple[SelectedCase, ...]

    @property
    def sampled(self) -> list[SelectedCase]:
        return [c for c in self.cases if c.selection is Selection.SAMPLE]

    @property
    def reserves(self) -> list[SelectedCase]:
        return [c for c in self.cases if c.selection is Selection.RESERVE]


def _below(rng: random.Random, bound: int) -> int:
    """A uniform integer in [0, bound), unbiased."""
    span = 1 << _BITS
    limit = span - span % bound
    while True:
        k = int(rng.random() * span)  # exact: random() is a multiple of 2**-53
        if k < limit:
            return k % bound


def _positions(rng: random.Random, population: int, count: int) -> list[int]:
    """The first ``count`` places of a random permutation of range(population) (Fisher–Yates,
    keeping only the places it has touched)."""
    moved: dict[int, int] = {}
    out = []
    for i in range(count):
        j = i + _below(rng, population - i)
        out.append(moved.get(j, j))
        moved[j] = moved.get(i, i)
    return out


def draw_sample(
    population: EligiblePopulation, size: SampleSize, seed: int, reserve_fraction: float
) -> Sample:
    """Allocate the sample over the strata and draw each stratum's cases and reserves."""
    if size.population != population.size:
        raise ValueError("the sample size was worked out for another population")
    if seed < 0:
        raise ValueError("the seed must be zero or more")
    n = size.size
    sizes = [s.size for s in population.strata]
    counts = allocate(sizes, n)
    allocation = tuple(
        StratumAllocation(
            stratum,
            quota(stratum.size, population.size, n),
            count,
            reserves_for(count, stratum.size - count, reserve_fraction),
        )
        for stratum, count in zip(population.strata, counts, strict=True)
    )
    rng = random.Random(seed)  # noqa: S311 (a reproducible draw, not a secret)
    rows = population.rows
    ids = population.caseload.case_ids
    # (position in population.rows, stratum label, selection)
    sampled: list[tuple[int, str, Selection]] = []
    reserves: list[tuple[int, str, Selection]] = []
    for start, plan in zip(population.offsets(), allocation, strict=True):
        picked = _positions(rng, plan.stratum.size, plan.sample + plan.reserves)
        label = plan.stratum.label
        sampled.extend((start + p, label, Selection.SAMPLE) for p in sorted(picked[: plan.sample]))
        reserves.extend((start + p, label, Selection.RESERVE) for p in picked[plan.sample :])

    cases = []
    for position, label, selection in [*sampled, *reserves]:
        row = rows[position].as_py()
        cases.append(SelectedCase(row, ids[row].as_py(), label, selection))
    return Sample(population, size, seed, reserve_fraction, allocation, tuple(cases))


# --- replacements -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleEntry:
    """A case on a sample list, as a sample file records it."""

    case_id: str
    stratum: str
    selection: Selection


@dataclass(frozen=True)
class Replacement:
    """A sampled case that cannot be inspected, the reserve that takes its place, and why."""

    replaced: str
    replacement: str
    stratum: str
    reason: str


class ReplacementError(ValueError):
    """A replacement that cannot be made."""


def replace_case(
    entries: Sequence[SampleEntry], case_id: str, reason: str
) -> tuple[list[SampleEntry], Replacement]:
    """Replace a sampled case by the next unused reserve of its stratum.

    Returns the updated list (the case becomes ``replaced``, the reserve ``sample``; the order is
    kept) and the record of the replacement.
    """
    reason = reason.strip()
    if not reason:
        raise ReplacementError("a replacement needs a reason")
    where = next((i for i, e in enumerate(entries) if e.case_id == case_id), None)
    if where is None:
        raise ReplacementError(f"case {case_id!r} is not on this sample list")
    entry = entries[where]
    if entry.selection is not Selection.SAMPLE:
        raise ReplacementError(
            f"case {case_id!r} is a {entry.selection.value} case, not a sampled one; "
            "only sampled cases are replaced"
        )
    reserve = next(
        (
            i
            for i, e in enumerate(entries)
            if e.stratum == entry.stratum and e.selection is Selection.RESERVE
        ),
        None,
    )
    if reserve is None:
        raise ReplacementError(
            f"stratum {entry.stratum} has no reserve left to replace case {case_id!r}"
        )
    updated = list(entries)
    updated[where] = replace(entry, selection=Selection.REPLACED)
    updated[reserve] = replace(entries[reserve], selection=Selection.SAMPLE)
    return updated, Replacement(case_id, entries[reserve].case_id, entry.stratum, reason)
