"""Eligibility windows, counted back from the reference date R in calendar months and weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from caseload_builders import case
from sufficiency.framework import load_framework
from sufficiency.sampling.caseload import read_caseload as read_against
from sufficiency.sampling.eligibility import (
    eligibility_window,
    eligible_population,
    months_before,
    sample_window,
)

D = dt.date.fromisoformat
FRAMEWORK = load_framework("hmip-probation-2018")
SPEC = FRAMEWORK.sampling.caseload  # type: ignore[union-attr]


def eligible_ids(path: Path, sample: str, reference: str) -> set[str]:
    population = eligible_population(
        read_against(path, SPEC), FRAMEWORK.samples[sample], D(reference)
    )
    ids = population.caseload.table.column("case_id").take(population.rows).to_pylist()
    return set(ids)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2019-10-01", 7, "2019-03-01"),
        ("2019-08-31", 6, "2019-02-28"),  # no 31 February: the month's last day
        ("2020-08-31", 6, "2020-02-29"),  # a leap year
        ("2019-05-31", 3, "2019-02-28"),
        ("2019-03-31", 1, "2019-02-28"),
        ("2019-01-15", 1, "2018-12-15"),  # across a year
        ("2019-12-31", 13, "2018-11-30"),
        ("2019-07-31", 0, "2019-07-31"),
    ],
)
def test_calendar_months_back(day: str, months: int, expected: str) -> None:
    assert months_before(D(day), months) == D(expected)


def test_case_supervision_window_both_days_included(write_csv: Callable[..., Path]) -> None:
    # R = 2019-10-01: supervision_start from 2019-03-01 (R − 7 months) to 2019-04-01 (R − 6 months).
    starts = {
        "before": "2019-02-28",
        "first": "2019-03-01",
        "inside": "2019-03-17",
        "last": "2019-04-01",
        "after": "2019-04-02",
    }
    path = write_csv([case(name, supervision_start=day) for name, day in starts.items()])
    assert eligible_ids(path, "case_supervision", "2019-10-01") == {"first", "inside", "last"}


def test_case_supervision_window_at_the_end_of_a_month(write_csv: Callable[..., Path]) -> None:
    # R = 2019-08-31: R − 7 months is 2019-01-31; R − 6 months is 2019-02-28 (no 31 February).
    starts = {
        "jan30": "2019-01-30",
        "jan31": "2019-01-31",
        "feb28": "2019-02-28",
        "mar01": "2019-03-01",
    }
    path = write_csv([case(name, supervision_start=day) for name, day in starts.items()])
    assert eligible_ids(path, "case_supervision", "2019-08-31") == {"jan31", "feb28"}


def test_unpaid_work_started_at_least_three_months_before(write_csv: Callable[..., Path]) -> None:
    # R = 2019-05-31: upw_start on or before 2019-02-28; CRC and NPS cases alike.
    rows = [
        case("last-day", upw_start="2019-02-28"),
        case("nps-early", provider="NPS", upw_start="2018-01-02"),
        case("too-late", upw_start="2019-03-01"),
        case("no-upw", upw_start=""),
    ]
    path = write_csv(rows)
    assert eligible_ids(path, "unpaid_work", "2019-05-31") == {"last-day", "nps-early"}


def test_through_the_gate_released_six_to_eight_weeks_before(
    write_csv: Callable[..., Path],
) -> None:
    # R = 2019-10-01: release after 2019-08-06 (R − 8 weeks) and on or before 2019-08-20 (R − 6 weeks).
    released = {
        "eight-weeks": "2019-08-06",
        "first": "2019-08-07",
        "last": "2019-08-20",
        "too-recent": "2019-08-21",
    }
    rows = [
        case(name, disposal="licence", release_date=day, ttg="yes")
        for name, day in released.items()
    ]
    rows.append(case("not-entitled", disposal="licence", release_date="2019-08-10", ttg="no"))
    rows.append(case("not-released", ttg="yes"))
    path = write_csv(rows)
    assert eligible_ids(path, "through_the_gate", "2019-10-01") == {"first", "last"}


def test_strata_follow_the_documented_order_and_group_cases_by_id(
    write_csv: Callable[..., Path],
) -> None:
    rows = [
        case("c3", gender="female", rosh="high", upw_start="2019-01-01"),
        case("c1", gender="male", rosh="very_high", upw_start="2019-01-01"),
        case("c2", gender="male", rosh="low", upw_start="2019-01-01"),
        case("c0", gender="male", rosh="low", upw_start="2019-01-01"),
    ]
    path = write_csv(rows)
    population = eligible_population(
        read_against(path, SPEC), FRAMEWORK.samples["unpaid_work"], D("2019-06-01")
    )
    assert population.fields == ("gender", "rosh")
    assert [(s.label, s.size) for s in population.strata] == [
        ("male/low", 2),
        ("male/very_high", 1),
        ("female/high", 1),
    ]
    ids = population.caseload.table.column("case_id").take(population.rows).to_pylist()
    assert ids == ["c0", "c2", "c1", "c3"]


def test_a_window_describes_itself() -> None:
    window = eligibility_window(FRAMEWORK.samples["through_the_gate"].eligibility, D("2019-10-01"))
    text = window.describe()
    assert "2019-08-06" in text and "2019-08-20" in text
    assert "ttg yes" in text


def test_each_sample_is_drawn_from_the_providers_its_framework_names(
    write_csv: Callable[..., Path],
) -> None:
    # The 2018/19 framework: case supervision and Through the Gate from the CRC's own cases;
    # unpaid work from CRC and NPS cases alike.
    rows = [
        case("crc", supervision_start="2019-03-15", upw_start="2019-01-10"),
        case("nps", provider="NPS", supervision_start="2019-03-15", upw_start="2019-01-10"),
    ]
    path = write_csv(rows)
    assert eligible_ids(path, "case_supervision", "2019-10-01") == {"crc"}
    assert eligible_ids(path, "unpaid_work", "2019-10-01") == {"crc", "nps"}
    window = sample_window(FRAMEWORK.samples["case_supervision"], SPEC, D("2019-10-01"))
    assert window.describe().endswith("; provider CRC")
