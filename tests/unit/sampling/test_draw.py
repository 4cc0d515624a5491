"""The draw: stratified, reproducible, with reserves; replacements from the same stratum."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from caseload_builders import case
from sufficiency.framework import load_framework
from sufficiency.sampling.caseload import read_caseload as read_against
from sufficiency.sampling.draw import (
    ReplacementError,
    Sample,
    SampleEntry,
    Selection,
    draw_sample,
    replace_case,
)
from sufficiency.sampling.eligibility import eligible_population
from sufficiency.sampling.size import sample_size

FRAMEWORK = load_framework("hmip-probation-2018")
SPEC = FRAMEWORK.sampling.caseload  # type: ignore[union-attr]
R = dt.date(2019, 10, 1)  # case supervision window: 2019-03-01 to 2019-04-01


def mixed_cases(count: int, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [
        case(
            f"P{i:04d}",
            gender=rng.choice(["male", "male", "male", "female"]),
            disposal=rng.choice(["community_order", "licence", "suspended_sentence_order"]),
            rosh=rng.choice(["low", "medium", "medium", "high"]),
            ldu=rng.choice(["Testshire North", "Testshire South"]),
            supervision_start=f"2019-03-{rng.randrange(1, 29):02d}",
        )
        for i in range(count)
    ]


def draw(path: Path, seed: int, size: int | None = None, reserves: float = 0.2) -> Sample:
    population = eligible_population(
        read_against(path, SPEC), FRAMEWORK.samples["case_supervision"], R
    )
    return draw_sample(
        population, sample_size(population.size, 0.8, 0.05, override=size), seed, reserves
    )


def picked(sample: Sample) -> list[tuple[str, str, str]]:
    return [(c.case_id, c.selection.value, c.stratum) for c in sample.cases]


def test_the_strata_add_up_to_the_sample_size_in_proportion(
    write_csv: Callable[..., Path],
) -> None:
    sample = draw(write_csv(mixed_cases(600)), seed=3)
    assert sample.size.size == sample_size(600, 0.8, 0.05).size
    assert len(sample.sampled) == sample.size.size
    per_stratum = Counter(c.stratum for c in sample.sampled)
    for plan in sample.allocation:
        assert per_stratum.get(plan.stratum.label, 0) == plan.sample
        assert abs(plan.sample - plan.share) < 1


def test_reserves_come_from_each_sampled_stratum_and_are_not_sampled(
    write_csv: Callable[..., Path],
) -> None:
    sample = draw(write_csv(mixed_cases(600)), seed=3)
    sampled = {c.case_id for c in sample.sampled}
    reserves = sample.reserves
    assert sampled.isdisjoint(c.case_id for c in reserves)
    per_stratum = Counter(c.stratum for c in reserves)
    for plan in sample.allocation:
        assert per_stratum.get(plan.stratum.label, 0) == plan.reserves
        if plan.sample and plan.stratum.size > plan.sample:
            assert plan.reserves >= 1
    assert len(reserves) >= 0.2 * len(sampled)


def test_the_same_seed_gives_the_same_sample_and_another_seed_another(
    write_csv: Callable[..., Path],
) -> None:
    path = write_csv(mixed_cases(600))
    assert picked(draw(path, seed=11)) == picked(draw(path, seed=11))
    assert picked(draw(path, seed=11)) != picked(draw(path, seed=12))


def test_the_order_of_the_file_s_rows_does_not_matter(write_csv: Callable[..., Path]) -> None:
    rows = mixed_cases(400)
    shuffled = rows[:]
    random.Random(5).shuffle(shuffled)
    first = draw(write_csv(rows, name="a.csv"), seed=8)
    second = draw(write_csv(shuffled, name="b.csv"), seed=8)
    assert picked(first) == picked(second)


def test_the_draw_is_uniform_within_a_stratum(write_csv: Callable[..., Path]) -> None:
    # One stratum of 10 cases, 1 drawn: over many seeds each case is drawn about as often.
    path = write_csv([case(f"U{i}") for i in range(10)])
    population = eligible_population(
        read_against(path, SPEC), FRAMEWORK.samples["case_supervision"], R
    )
    one = sample_size(10, 0.8, 0.05, override=1)
    counts = Counter(draw_sample(population, one, s, 0).sampled[0].case_id for s in range(2000))
    assert set(counts) == {f"U{i}" for i in range(10)}
    assert max(counts.values()) < 260 and min(counts.values()) > 140  # 200 expected each


def test_a_census_when_the_sample_is_the_whole_population(
    write_csv: Callable[..., Path],
) -> None:
    sample = draw(write_csv(mixed_cases(20)), seed=1, size=50)
    assert sample.size.capped
    assert len(sample.sampled) == 20
    assert sample.reserves == []


def entries(*spec: tuple[str, str, str]) -> list[SampleEntry]:
    return [SampleEntry(case_id, stratum, Selection(sel)) for case_id, stratum, sel in spec]


def test_a_replacement_takes_the_next_reserve_of_the_same_stratum() -> None:
    listed = entries(
        ("S1", "male/low", "sample"),
        ("S2", "female/low", "sample"),
        ("R1", "female/low", "reserve"),
        ("R2", "male/low", "reserve"),
        ("R3", "male/low", "reserve"),
    )
    updated, record = replace_case(listed, "S1", "  in custody  ")
    assert (record.replaced, record.replacement, record.stratum) == ("S1", "R2", "male/low")
    assert record.reason == "in custody"
    assert [e.selection.value for e in updated] == [
        "replaced",
        "sample",
        "reserve",
        "sample",
        "reserve",
    ]
    again, second = replace_case(updated, "R2", "moved abroad")
    assert second.replacement == "R3"
    with pytest.raises(ReplacementError, match="no reserve left"):
        replace_case(again, "R3", "deceased")


@pytest.mark.parametrize(
    ("case_id", "reason", "message"),
    [
        ("NOPE", "x", "not on this sample list"),
        ("R1", "x", "reserve case"),
        ("S1", "   ", "needs a reason"),
    ],
)
def test_impossible_replacements_are_refused(case_id: str, reason: str, message: str) -> None:
    listed = entries(("S1", "a", "sample"), ("R1", "a", "reserve"))
    with pytest.raises(ReplacementError, match=message):
        replace_case(listed, case_id, reason)
