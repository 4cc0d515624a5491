"""Benchmark statistics over parsed reports (their ``as_dict()`` form)."""

from __future__ import annotations

from typing import Any

import pytest

from published_builders import REPORTS, Spec, build, shared_report
from sufficiency.framework import Rating
from sufficiency.published import parse_report_text
from sufficiency.published.benchmark import (
    DATASET_COLUMNS,
    UnknownProvider,
    compare,
    dataset_rows,
    rank,
    summarise,
)


def invented(
    area: str, assessment: int, leadership: Rating, fieldwork: str = "June 2019"
) -> dict[str, Any]:
    """A parsed invented report whose 2.1.1 figure and 1.1 rating are given."""
    spec = Spec(area=area, fieldwork=fieldwork, judgements={**Spec().judgements, "1.1": leadership})
    spec = spec.but(percents={**spec.percents, "2.1.1": assessment})
    return parse_report_text(build(spec)).as_dict()


@pytest.fixture(scope="module")
def five() -> list[dict[str, Any]]:
    return [
        # 2.1.1 stays above 2.1.3's 59%, so only 1.1 moves the overall score
        invented("Alderbank", 60, Rating.INADEQUATE),
        invented("Brackenford", 65, Rating.REQUIRES_IMPROVEMENT),
        invented("Coldharbour", 70, Rating.GOOD),
        invented("Dunmere", 75, Rating.GOOD),
        invented("Eastwick", 80, Rating.OUTSTANDING),
    ]


def test_a_key_question_beside_all_reports(five: list[dict[str, Any]]) -> None:
    comparison = compare(five, "Dunmere Community Rehabilitation Company")
    figure = next(f for f in comparison.key_questions if f.id == "2.1.1")
    assert (figure.value, figure.display) == (75, "75%")
    assert (figure.lowest, figure.lower_quartile, figure.median) == (60, 65.0, 70.0)
    assert (figure.upper_quartile, figure.highest) == (75.0, 80)
    assert (figure.rank, figure.n) == (2, 5)
    assert figure.values == (60, 65, 70, 75, 80)
    assert figure.label.startswith("2.1.1 Does assessment focus sufficiently on engaging")
    assert comparison.reports == 5
    assert [f.id for f in comparison.key_questions][:3] == ["2.1.1", "2.1.2", "2.1.3"]


def test_standards_are_compared_by_rating_score(five: list[dict[str, Any]]) -> None:
    comparison = compare(five, "Coldharbour Community Rehabilitation Company")
    leadership = next(f for f in comparison.standards if f.id == "1.1")
    assert (leadership.value, leadership.display) == (2, "Good")  # Good scores 2
    assert leadership.values == (0, 1, 2, 2, 3)
    assert (leadership.median, leadership.lowest, leadership.highest) == (2.0, 0, 3)
    assert leadership.rank == 2  # level with Dunmere, behind only Eastwick's Outstanding
    assert comparison.scores == {
        "Inadequate": 0,
        "Requires improvement": 1,
        "Good": 2,
        "Outstanding": 3,
    }
    assert [f.id for f in comparison.standards] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2",
    ]  # fmt: skip
    # the overall score is the sum of the standards' scores: it moves with 1.1 here
    assert [v - min(comparison.overall.values) for v in comparison.overall.values] == [
        0,
        1,
        2,
        2,
        3,
    ]
    assert comparison.overall.rank == 2


def test_providers_are_found_by_a_unique_part_of_the_name(five: list[dict[str, Any]]) -> None:
    assert compare(five, "eastwick").provider == "Eastwick Community Rehabilitation Company"
    with pytest.raises(UnknownProvider) as ambiguous:
        compare(five, "Community Rehabilitation")
    assert len(ambiguous.value.candidates) == 5
    with pytest.raises(UnknownProvider) as unknown:
        compare(five, "Nowhere")
    assert "no stored report for provider 'Nowhere'" in unknown.value.message


def test_a_provider_inspected_twice_is_compared_by_its_latest_report(
    five: list[dict[str, Any]],
) -> None:
    again = invented("Alderbank", 90, Rating.GOOD, fieldwork="May 2020")
    comparison = compare([*five, again], "Alderbank")
    assert comparison.report_key == "alderbank-community-rehabilitation-company@2020-05"
    figure = next(f for f in comparison.key_questions if f.id == "2.1.1")
    assert (figure.value, figure.rank, figure.n) == (90, 1, 6)  # both reports count in the figures


def test_quartiles_ranks_and_edge_cases() -> None:
    assert summarise([]) is None
    assert summarise([55]) == (55.0, 55.0, 55.0)
    assert summarise([1, 2, 3, 4]) == (1.75, 2.5, 3.25)  # the "inclusive" method
    assert [rank(v, [60, 70, 70, 80]) for v in (80, 70, 60)] == [1, 2, 4]


def test_the_shared_reports_compare_and_flatten() -> None:
    reports = [parse_report_text(shared_report(name)[0]).as_dict() for name in REPORTS]
    comparison = compare(reports, "Essex")
    reviewing = next(f for f in comparison.standards if f.id == "2.4")
    assert (reviewing.display, reviewing.values) == ("Requires improvement", (0, 1))
    assert comparison.as_dict()["overall"]["values"] == [5, 14]

    rows = dataset_rows(reports)
    assert len(rows) == 2 * 19
    assert all(tuple(row) == DATASET_COLUMNS for row in rows)
    row = next(
        r for r in rows if r["key_question"] == "2.4.3" and r["provider"].startswith("Essex")
    )
    assert row == {
        "report_key": "essex-community-rehabilitation-company@2018-06",
        "provider": "Essex Community Rehabilitation Company",
        "publication_date": "2018-10",
        "fieldwork_date": "2018-06",
        "overall_rating": "Requires improvement",
        "standard": "2.4",
        "standard_name": "Reviewing",
        "standard_rating": "Requires improvement",
        "calculated_rating": "Inadequate",
        "panel_adjusted": True,
        "key_question": "2.4.3",
        "key_question_text": "Does reviewing focus sufficiently on keeping other people safe?",
        "percent_yes": 49,
        "relevant_subsample_only": True,
        "sample": "case_supervision",
        "sample_size": 100,
    }
    ttg = next(
        r for r in rows if r["key_question"] == "4.2.1" and r["provider"].startswith("Dorset")
    )
    assert (ttg["sample"], ttg["sample_size"], ttg["panel_adjusted"]) == (
        "through_the_gate",
        16,
        False,
    )
