"""No case identifier in the report's words: the build stops and names the place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from sufficiency.framework import Rating
from sufficiency.ratings import Decision, RatingsResult
from sufficiency.reporting import (
    PracticeExample,
    ReportData,
    ReportError,
    StandardNarrative,
    build_report,
)


def places(error: ReportError) -> list[str]:
    return [p.field or "" for p in error.problems]


def test_a_practice_example_naming_a_case_identifier_is_refused_and_the_place_named(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data()
    example = PracticeExample(
        "2.2", "Planning with the family", "Good work.\n\nIn case FEN-017 the plan was shared."
    )
    story = replace(data.narrative, practice_examples=(example,))
    with pytest.raises(ReportError) as refused:
        build_report(replace(data, narrative=story))
    (problem,) = refused.value.problems
    assert problem.field == "practice example 1 (standard 2.2 (Planning)), paragraph 2"
    assert problem.value == "FEN-017"
    assert str(problem) == (
        "practice example 1 (standard 2.2 (Planning)), paragraph 2 'FEN-017': names a case: the "
        "report must not contain a case identifier"
    )


def test_a_name_from_the_caseload_in_a_list_item_of_key_findings_is_refused(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data()
    findings = StandardNarrative(
        "2.3", "Delivery was uneven.\n- plans were followed\n- jordan  CASTELLANE was not seen"
    )
    story = replace(data.narrative, standards=(findings,))
    with pytest.raises(ReportError) as refused:
        build_report(replace(data, narrative=story))
    assert places(refused.value) == [
        "standard 2.3 (Implementation and delivery) key findings, list item 2"
    ]


def test_every_place_is_named_at_once_titles_recommendations_and_the_foreword_included(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data()
    story = replace(
        data.narrative,
        foreword="We read UPW-003 closely.",
        practice_examples=(PracticeExample("4.1", "The work of TTG-002", "Placement found."),),
        recommendations=(
            *data.narrative.recommendations[:1],
            replace(data.narrative.recommendations[0], what="review case fen-099 with the team"),
        ),
    )
    with pytest.raises(ReportError) as refused:
        build_report(replace(data, narrative=story))
    assert places(refused.value) == [
        "foreword, paragraph 1",
        "practice example 1 (standard 4.1 (Unpaid work)), title",
        "recommendation 2",
    ]


def test_a_ratings_panel_reason_naming_a_case_is_refused(
    make_data: Callable[..., ReportData],
    rate_with: Callable[[list[Decision]], RatingsResult],
    judgements: list[Decision],
) -> None:
    reason = "The panel was persuaded by the work seen in FEN-042."
    ratings = rate_with([*judgements, Decision("2.4", Rating.REQUIRES_IMPROVEMENT, reason)])
    with pytest.raises(ReportError) as refused:
        build_report(make_data(ratings=ratings))
    assert places(refused.value) == ["the reason recorded for standard 2.4 (Reviewing)"]


def test_an_identifier_counts_only_as_a_whole_word(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data()
    story = replace(
        data.narrative,
        foreword="Reference FEN-0999 and XFEN-001 are not case identifiers; neither is FEN.",
    )
    report = build_report(replace(data, narrative=story))
    assert report.sections[0].title == "Foreword"
