"""The sampling workflow the command line and the web share: caseload → samples → replacements."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from caseload_builders import case
from sufficiency.framework import load_framework
from sufficiency.sampling import flows
from sufficiency.sampling.caseload import Caseload

FRAMEWORK = load_framework("hmip-probation-2018")
R = dt.date(2019, 10, 1)  # case supervision window: 2019-03-01 to 2019-04-01


@pytest.fixture
def caseload(write_csv: Callable[..., Path]) -> Caseload:
    rng = random.Random(4)
    rows = [
        case(
            f"F{i:04d}",
            gender=rng.choice(["male", "male", "female"]),
            disposal=rng.choice(["community_order", "licence"]),
            rosh=rng.choice(["low", "medium", "high"]),
            ldu=rng.choice(["Testshire North", "Testshire South", "Testshire East"]),
            supervision_start=f"2019-03-{rng.randrange(1, 29):02d}",
            upw_start=f"2019-0{rng.randrange(1, 7)}-10",
        )
        for i in range(900)
    ]
    return flows.read_caseload(FRAMEWORK, write_csv(rows))


def draw(caseload: Caseload, **options: object) -> flows.DrawnSample:
    (drawn,) = flows.draw_inspection_samples(
        FRAMEWORK,
        caseload,
        R,
        11,
        sample_types=["case_supervision"],
        **options,  # type: ignore[arg-type]
    )
    return drawn


def test_every_sample_type_is_drawn_in_the_frameworks_order(caseload: Caseload) -> None:
    drawn = flows.draw_inspection_samples(FRAMEWORK, caseload, R, 11)
    assert [d.sample_type_id for d in drawn] == [s.id for s in FRAMEWORK.sampling.samples]  # type: ignore[union-attr]
    by_id = {d.sample_type_id: d for d in drawn}
    assert by_id["through_the_gate"].eligible == 0  # no one was released: nothing drawn
    assert by_id["through_the_gate"].cases == ()
    assert by_id["case_supervision"].eligible == 900


def test_strata_carry_the_frameworks_words_beside_the_machine_key(caseload: Caseload) -> None:
    drawn = draw(caseload)
    plan = next(p for p in drawn.allocation if p.key == ("male", "community_order", "medium"))
    assert plan.stratum == "male/community_order/medium"
    assert plan.label == "Male, community order, medium RoSH"
    labels = {p.stratum: p.label for p in drawn.allocation}
    assert all(labels[c.stratum] == c.stratum_label for c in drawn.cases)
    assert sum(p.sample for p in drawn.allocation) == drawn.size == len(drawn.sampled)


def test_reserves_are_numbered_in_the_order_they_are_used_within_each_stratum(
    caseload: Caseload,
) -> None:
    drawn = draw(caseload)
    assert all(c.reserve_order is None for c in drawn.sampled)
    by_stratum: dict[str, list[int]] = {}
    for c in drawn.reserves:
        by_stratum.setdefault(c.stratum, []).append(c.reserve_order or 0)
    assert by_stratum and all(o == list(range(1, len(o) + 1)) for o in by_stratum.values())


def test_the_sample_file_rows_match_the_drawn_cases(caseload: Caseload) -> None:
    drawn = draw(caseload)
    at = {name: drawn.header.index(name) for name in ("case_id", "selection", "stratum", "ldu")}
    assert [
        (r[at["case_id"]], r[at["selection"]], r[at["stratum"]], r[at["ldu"]]) for r in drawn.rows
    ] == [(c.case_id, c.selection.value, c.stratum, c.ldu) for c in drawn.cases]


def test_a_replacement_takes_the_next_reserve_of_the_same_stratum(caseload: Caseload) -> None:
    drawn = draw(caseload)
    target = drawn.sampled[0]
    first_reserve = next(
        c for c in drawn.reserves if c.stratum == target.stratum and c.reserve_order == 1
    )
    done = flows.replace_case(drawn, target.case_id, "moved abroad")
    assert (done.replaced, done.replacement, done.reason) == (
        target.case_id,
        first_reserve.case_id,
        "moved abroad",
    )
    assert done.stratum_label == target.stratum_label
    after = {c.case_id: c.selection for c in done.sample.cases}
    assert after[target.case_id] is flows.Selection.REPLACED
    assert after[first_reserve.case_id] is flows.Selection.SAMPLE
    assert len(done.sample.sampled) == drawn.size
    at = drawn.header.index("selection")
    assert [r[at] for r in done.sample.rows] == [c.selection.value for c in done.sample.cases]


def test_a_replacement_needs_a_reason_and_a_reserve(caseload: Caseload) -> None:
    drawn = draw(caseload, reserve_fraction=0.0)
    with pytest.raises(flows.ReplacementError, match="needs a reason"):
        flows.replace_case(drawn, drawn.sampled[0].case_id, "  ")
    with pytest.raises(flows.ReplacementError, match="no reserve left"):
        flows.replace_case(drawn, drawn.sampled[0].case_id, "in custody")


def test_only_the_chosen_local_delivery_units_are_sampled(caseload: Caseload) -> None:
    everyone = draw(caseload)
    north = draw(caseload, ldus=["Testshire North"])
    assert north.ldus == ("Testshire North",)
    assert {c.ldu for c in north.cases} == {"Testshire North"}
    assert 0 < north.eligible < everyone.eligible
    with pytest.raises(flows.SamplingFlowError, match="Testshire Nowhere"):
        draw(caseload, ldus=["Testshire Nowhere"])


def test_a_window_override_is_used_and_its_reason_recorded(caseload: Caseload) -> None:
    narrow = flows.WindowOverride(
        "the provider's extract only covers a fortnight",
        dt.date(2019, 3, 1),
        dt.date(2019, 3, 14),
    )
    drawn = draw(caseload, window_overrides={"case_supervision": narrow})
    assert drawn.window_override_reason == "the provider's extract only covers a fortnight"
    assert "supervision_start from 2019-03-01 to 2019-03-14, both days included" in drawn.window
    assert 0 < drawn.eligible < draw(caseload).eligible
    with pytest.raises(flows.SamplingFlowError, match="needs a reason"):
        draw(caseload, window_overrides={"case_supervision": flows.WindowOverride(" ")})


def test_an_unknown_sample_type_is_refused(caseload: Caseload) -> None:
    with pytest.raises(flows.SamplingFlowError, match="defines no home_visits sample"):
        flows.draw_inspection_samples(FRAMEWORK, caseload, R, 1, sample_types=["home_visits"])


def test_the_same_seed_gives_the_same_samples(caseload: Caseload) -> None:
    assert draw(caseload) == draw(caseload)
    assert Counter(c.case_id for c in draw(caseload).sampled) != Counter(
        c.case_id
        for c in flows.draw_inspection_samples(
            FRAMEWORK, caseload, R, 12, sample_types=["case_supervision"]
        )[0].sampled
    )


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"confidence": 1.5}, "confidence"),
        ({"margin": 0.0}, "margin"),
        ({"reserve_fraction": float("nan")}, "reserve_fraction"),
        ({"size": 0}, "size"),
    ],
)
def test_an_option_out_of_range_is_named(
    caseload: Caseload, options: dict[str, object], option: str
) -> None:
    with pytest.raises(flows.OptionError) as caught:
        draw(caseload, **options)
    assert caught.value.option == option
