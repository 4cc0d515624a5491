"""The report's parts, built from the data: ratings, chapters, methodology, results, breakdowns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from sufficiency.framework import Rating
from sufficiency.ratings import Decision, RatingsResult
from sufficiency.reporting import (
    GroupBreakdown,
    GroupFigure,
    ReportData,
    ReportError,
    StandardNarrative,
    build_report,
)
from sufficiency.reporting.document import Footnotes, Items, Para, Report, Section, Table
from sufficiency.reporting.results import MINIMUM_GROUP_CASES, TOO_FEW_CASES, group_percent


@pytest.fixture(scope="module")
def data(make_data: Callable[..., ReportData]) -> ReportData:
    return make_data()


@pytest.fixture(scope="module")
def report(data: ReportData) -> Report:
    return build_report(data)


def section(report: Report, anchor: str) -> Section:
    return next(s for s in report.walk() if s.id == anchor)


def words(section: Section) -> str:
    """Every paragraph and list item of a section and its children, as one text."""
    out = []
    for block in section.blocks:
        if isinstance(block, Para):
            out.append("".join(getattr(p, "text", "") for p in block.parts))
        elif isinstance(block, Items):
            out += ["".join(getattr(p, "text", "") for p in item) for item in block.items]
        elif isinstance(block, Footnotes):
            out += [f"[{n.number}] {n.text}" for n in block.notes]
    return "\n".join(out + [words(child) for child in section.children])


def table(report: Report, table_id: str) -> list[list[str]]:
    found = next(t for t in report.tables() if t.id == table_id)
    return [[cell.text for cell in row] for row in found.rows]


def test_the_parts_come_in_the_published_reports_order(report: Report) -> None:
    assert [s.title for s in report.sections] == [
        "Foreword",
        "Overall findings",
        "Summary of ratings",
        "Recommendations",
        "Background",
        "1. Organisational delivery",
        "2. Case supervision",
        "4. CRC-specific work",
        "Annex 1: Methodology",
        "Annex 2: Inspection results",
        "Annex 3: Results by local delivery unit",
        "Annex 4: Charts of key question results",
    ]
    assert report.title == "An inspection of Fenmarsh Community Rehabilitation Company"
    assert report.date_line == "March 2019" and not report.draft


def test_the_summary_of_ratings_gives_the_overall_rating_and_every_standard(
    data: ReportData, report: Report
) -> None:
    rows = table(report, "summary-of-ratings")
    assert rows[0] == ["Overall rating", "Requires improvement"]
    rated = {row[0].split(" ", 1)[0]: row[1] for row in rows[1:] if len(row) == 2}
    assert rated == {s.id: str(s.awarded_rating) for s in data.ratings.standards}


def test_each_standard_has_its_section_with_its_awarded_rating(
    data: ReportData, report: Report
) -> None:
    for result in data.ratings.standards:
        found = section(report, f"standard-{result.id}")
        first = found.blocks[0]
        assert isinstance(first, Para) and first.style == "rating"
        assert words(found).startswith(str(result.awarded_rating))
    adjusted = words(section(report, "standard-2.4"))
    assert "calculated rating Inadequate" in adjusted
    assert "awarded Requires improvement" in adjusted


def test_the_methodology_is_written_from_the_facts(report: Report) -> None:
    text = words(section(report, "annex-1"))
    assert (
        "drawn from across 3 local delivery units: Fenmarsh North, Fenmarsh South and Westvale"
        in text
    )
    assert "interviewed about 87 of the inspected cases" in text
    assert "held 14 meetings" in text
    assert "We examined 100 cases." in text
    assert "eligible population of 1,843 cases" in text
    assert "between 1 June 2018 and 30 June 2018" in text
    assert "confidence level of 80 per cent (with a margin of error of 5 per cent)" in text
    assert "ratios in relation to gender, type of disposal and RoSH level matched" in text
    assert "We examined 15 cases." in text


def test_annex_two_footnotes_each_relevant_sub_sample_question_and_each_panel_decision(
    data: ReportData, report: Report
) -> None:
    results = next(t for t in report.tables() if t.id == "results-domain-2")
    marked = {
        row[0].text.split(" ", 1)[0].rstrip("."): [
            p.number for cell in row for p in cell.parts if hasattr(p, "number")
        ]
        for row in results.rows
    }
    relevant = {q.id for q in data.framework.key_questions.values() if q.relevant_subsample_only}
    assert {k for k, marks in marked.items() if k.count(".") == 2 and marks} == relevant
    assert marked["2.4"] == [2] and marked["2.1"] == []
    notes = words(section(report, "annex-2-domain-2"))
    assert "[1] Please note: percentages relating to questions 2.2.3, 2.3.3 and 2.4.3" in notes
    assert f"The panel's reason: {data.ratings.standard('2.4').reason}." in notes


def test_a_panel_decision_that_confirms_the_calculated_rating_is_footnoted_too(
    make_data: Callable[..., ReportData],
    rate_with: Callable[[list[Decision]], RatingsResult],
    judgements: list[Decision],
) -> None:
    confirm = Decision("2.1", Rating.REQUIRES_IMPROVEMENT, "The cases were read twice")
    report = build_report(make_data(ratings=rate_with([*judgements, confirm])))
    notes = words(section(report, "annex-2-domain-2"))
    assert (
        "The ratings panel confirmed the calculated rating for standard 2.1 (Assessment), "
        "Requires improvement. The panel's reason: The cases were read twice." in notes
    )


def test_every_key_question_percentage_is_in_annex_two(data: ReportData, report: Report) -> None:
    shown = {
        row[0].split(" ", 1)[0].rstrip("."): row[1]
        for t in report.tables()
        if t.id.startswith("results-")
        for row in table(report, t.id)
    }
    for figure in data.ratings.key_questions:
        assert shown[figure.id] == f"{figure.percent}%"


def test_annex_two_gives_every_standards_rating(data: ReportData, report: Report) -> None:
    rated = {
        row[0].split(" ", 1)[0].rstrip("."): row[1]
        for t in report.tables()
        if t.id.startswith("results-")
        for row in table(report, t.id)
        if row[0].split(" ", 1)[0].rstrip(".").count(".") == 1
    }
    assert rated == {s.id: str(s.awarded_rating) for s in data.ratings.standards}


@pytest.mark.parametrize(("yes", "no", "shown"), [(3, 1, TOO_FEW_CASES), (4, 1, "80%")])
def test_a_group_under_five_cases_shows_too_few_cases(
    make_data: Callable[..., ReportData], yes: int, no: int, shown: str
) -> None:
    assert MINIMUM_GROUP_CASES == 5
    group = GroupBreakdown("Eastfold", (GroupFigure("2.1.1", yes, no),))
    report = build_report(make_data(breakdowns=(group,)))
    rows = table(report, "breakdown-domain-2")
    assert rows[0] == [
        "2.1.1. Does assessment focus sufficiently on engaging the service user?",
        shown,
    ]
    assert rows[1][1] == "no figure"  # no answers given for this unit


def test_group_percent_is_the_whole_percent_from_five_cases() -> None:
    assert [group_percent(y, 4 - y) for y in range(5)] == [None] * 5
    assert group_percent(2, 3) == 40
    assert group_percent(1, 7) == 13  # 12.5 rounds half up


def test_a_draft_says_so_on_its_cover(make_data: Callable[..., ReportData]) -> None:
    data = make_data()
    report = build_report(replace(data, dates=replace(data.dates, publication=None)))
    assert report.draft and report.date_line == "November 2018"
    cover = " ".join(
        "".join(getattr(p, "text", "") for p in b.parts)
        for b in report.cover
        if isinstance(b, Para)
    )
    assert "Draft report for the factual accuracy check" in cover


def test_a_report_without_every_rating_builds_and_says_not_yet_rated(
    make_data: Callable[..., ReportData],
    rate_with: Callable[[list[Decision]], RatingsResult],
    judgements: list[Decision],
) -> None:
    ratings = rate_with(judgements[1:])  # 1.1 not yet judged
    assert ratings.overall is None
    report = build_report(make_data(ratings=ratings))
    rows = table(report, "summary-of-ratings")
    assert rows[0] == ["Overall rating", "Not yet rated"]
    assert ["1.1 Leadership", "Not yet rated"] in rows
    assert "has no overall rating yet: standards 1.1 have no awarded rating" in words(
        section(report, "overall-findings")
    )


def test_narrative_for_a_standard_the_framework_lacks_is_refused_by_place(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data()
    story = replace(data.narrative, standards=(StandardNarrative("2.9", "Findings."),))
    with pytest.raises(ReportError) as refused:
        build_report(replace(data, narrative=story))
    assert [str(p) for p in refused.value.problems] == [
        "key findings 1 '2.9': unknown standard: framework hmip-probation-2018 has no such standard"
    ]


def test_recommendations_are_grouped_by_whom_they_are_to(report: Report) -> None:
    text = words(section(report, "recommendations"))
    assert "we have made 3 recommendations" in text
    assert text.index("Fenmarsh CRC should:") < text.index("reduce the caseloads")
    assert text.index("HM Prison and Probation Service should:") < text.index(
        "review the through the gate contract"
    )


def test_every_table_has_a_caption_and_column_headers(report: Report) -> None:
    for found in report.tables():
        assert isinstance(found, Table) and found.caption and all(found.columns)
        assert all(sum(c.span for c in row) == len(found.columns) for row in found.rows)


def test_the_report_is_the_same_for_the_same_data(data: ReportData, report: Report) -> None:
    assert build_report(data) == report


def test_key_findings_given_twice_for_a_standard_are_refused(
    make_data: Callable[..., ReportData],
) -> None:
    data = make_data()
    twice = (StandardNarrative("2.2", "One."), StandardNarrative("2.2", "Two."))
    with pytest.raises(ReportError) as refused:
        build_report(replace(data, narrative=replace(data.narrative, standards=twice)))
    assert [str(p) for p in refused.value.problems] == [
        "narrative for standard 2.2: given more than once; give it once"
    ]
