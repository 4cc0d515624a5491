"""The round trip: a report written by Sufficiency, read back by its own published-report parser,
gives exactly the figures it was built from: every rating, every key question percentage, the
sample sizes and the ratings panel's footnotes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sufficiency.framework import Rating
from sufficiency.published import CheckStatus, ParsedReport, parse_report, parse_report_text
from sufficiency.ratings import Decision, RatingsResult
from sufficiency.reporting import ReportData, build_report, render_html, render_pdf
from sufficiency.reporting.results import panel_note


def expected_of(data: ReportData) -> dict[str, object]:
    """What a correct reading of the report gives, from the ratings engine's result."""
    ratings: RatingsResult = data.ratings
    fw = data.framework
    assert ratings.overall is not None
    return {
        "provider": data.provider.name,
        "overall_rating": str(ratings.overall.rating),
        "standards": {s.id: str(s.awarded_rating) for s in ratings.standards},
        "key_questions": {q.id: q.percent for q in ratings.key_questions},
        "relevant_subsample": {
            q.id for q in fw.key_questions.values() if q.relevant_subsample_only
        },
        "samples": {s.id: s.size for s in data.methodology.samples},
        "panel_adjustments": [
            {
                "standard": s.id,
                "calculated": str(s.calculated_rating),
                "awarded": str(s.awarded_rating),
            }
            for s in ratings.standards
            if s.panel_adjusted
        ],
        "panel_footnotes": {
            s.id: panel_note(fw.standards[s.id], s) for s in ratings.standards if s.panel_adjusted
        },
    }


def read_back(parsed: ParsedReport) -> dict[str, object]:
    return {
        "provider": parsed.provider,
        "overall_rating": str(parsed.overall_rating),
        "standards": {s.id: str(s.rating) for s in parsed.standards},
        "key_questions": {q.id: q.percent_yes for q in parsed.key_questions},
        "relevant_subsample": {q.id for q in parsed.key_questions if q.relevant_subsample_only},
        "samples": dict(parsed.samples),
        "panel_adjustments": [p.as_dict() for p in parsed.panel_adjustments],
        "panel_footnotes": {
            c.standard: c.explanation
            for c in parsed.checks.standards
            if c.status is CheckStatus.PANEL_ADJUSTMENT
        },
    }


@pytest.fixture(scope="module")
def data(make_data: Callable[..., ReportData]) -> ReportData:
    return make_data()


@pytest.fixture(scope="module")
def pdf_path(data: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "fenmarsh.pdf"
    path.write_bytes(render_pdf(build_report(data)))
    return path


def test_the_generated_inspection_has_what_the_round_trip_must_carry(data: ReportData) -> None:
    adjusted = [s for s in data.ratings.standards if s.panel_adjusted]
    assert [(s.id, s.reason) for s in adjusted] == [("2.4", data.ratings.standard("2.4").reason)]
    assert adjusted[0].reason and adjusted[0].calculated_rating != adjusted[0].awarded_rating
    rated_cases = {
        sample: sum(
            q.yes + q.no + q.not_applicable + q.unanswered
            for q in data.ratings.key_questions
            if q.id == data.framework.standards[standard].key_questions[0].id
        )
        for standard, sample in (("2.1", "case_supervision"), ("4.1", "unpaid_work"))
    }
    sizes = {s.id: s.size for s in data.methodology.samples}
    assert rated_cases == {k: sizes[k] for k in rated_cases}


def test_the_pdf_read_back_by_the_published_parser_gives_the_ratings_it_was_built_from(
    data: ReportData, pdf_path: Path
) -> None:
    parsed = parse_report(pdf_path)
    assert read_back(parsed) == expected_of(data)
    assert parsed.checks.ok
    assert parsed.checks.warnings == ()


def test_the_html_read_back_as_report_text_gives_the_same_figures(data: ReportData) -> None:
    parsed = parse_report_text(render_html(build_report(data)), "report.html")
    assert read_back(parsed) == expected_of(data)
    assert parsed.checks.ok


def test_the_pdf_gives_the_methodology_and_recommendations_too(
    data: ReportData, pdf_path: Path
) -> None:
    parsed = parse_report(pdf_path)
    assert parsed.local_delivery_units == len(data.methodology.local_delivery_units)
    assert [(r.to, r.text) for r in parsed.recommendations] == [
        (r.to, r.what) for r in data.narrative.recommendations
    ]
    assert parsed.fieldwork_date == "2018-11"
    assert parsed.publication_date == "2019-03"


def test_a_report_without_a_panel_decision_round_trips_with_no_adjustment(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data(panel=False)
    parsed = parse_report_text(render_html(build_report(data)))
    assert parsed.panel_adjustments == ()
    assert parsed.standard("2.4").rating == data.ratings.standard("2.4").calculated_rating
    assert read_back(parsed) == expected_of(data)


@pytest.mark.parametrize(("cases", "seed"), [(30, 1), (60, 2), (120, 3), (250, 4)])
def test_invented_inspections_of_any_size_round_trip_through_the_html(
    cases: int, seed: int
) -> None:
    from sufficiency.cli.report_check import round_trip_differences
    from sufficiency.reporting.example import example_report_data

    data = example_report_data(cases, seed)
    assert any(s.panel_adjusted and s.reason for s in data.ratings.standards)
    parsed = parse_report_text(render_html(build_report(data)))
    assert round_trip_differences(data, parsed) == []
    assert read_back(parsed) == expected_of(data)


def test_a_panel_reason_over_two_lines_with_typographic_quotes_reads_back(
    make_data: Callable[..., ReportData],
    rate_with: Callable[[list[Decision]], RatingsResult],
    judgements: list[Decision],
) -> None:
    from sufficiency.cli.report_check import round_trip_differences

    reason = "The panel\u2019s view: \u201cwider evidence\u201d of reviewing\nwas strong"
    data = make_data(
        ratings=rate_with([*judgements, Decision("2.4", Rating.REQUIRES_IMPROVEMENT, reason)])
    )
    parsed = parse_report_text(render_html(build_report(data)))
    assert round_trip_differences(data, parsed) == []
    (check,) = parsed.checks.explained
    assert check.explanation is not None
    assert check.explanation.endswith(
        "The panel's reason: The panel's view: \"wider evidence\" of reviewing was strong."
    )
