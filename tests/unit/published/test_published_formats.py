"""The format, not two files: invented reports with the damage conversion does, and refusals."""

from __future__ import annotations

import pytest

from published_builders import Spec, build, contract, contract_of
from sufficiency.framework import Rating
from sufficiency.published import (
    CheckStatus,
    ReportParseError,
    UnsupportedReportFormat,
    parse_report_text,
)

PANEL_NOTE = (
    "The calculated score suggested a borderline rating. The ratings panel agreed that the "
    "rating be adjusted to reflect the work seen."
)


@pytest.mark.parametrize("style", ["text", "markdown", "html"])
def test_an_invented_report_parses_in_every_markup(style: str) -> None:
    spec = Spec(style=style)
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)
    assert report.checks.ok
    assert report.checks.warnings == ()
    assert (report.lead_inspector, report.publication_date, report.fieldwork_date) == (
        "Alex Marlowe",
        "2019-03",
        "2018-11",
    )
    assert report.local_delivery_units == 4
    assert [r.to for r in report.recommendations] == ["Fenmarsh and Westvale CRC"] * 2


def test_a_panel_adjustment_is_explained_by_its_footnote() -> None:
    spec = Spec(panel={"2.3": (Rating.GOOD, PANEL_NOTE)})  # 2.3's figures give Requires improvement
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)
    (check,) = report.checks.explained
    assert (check.standard, check.calculated, check.awarded) == (
        "2.3",
        Rating.REQUIRES_IMPROVEMENT,
        Rating.GOOD,
    )
    assert check.explanation == PANEL_NOTE
    assert report.checks.ok


def test_an_unexplained_inconsistency_is_flagged() -> None:
    spec = Spec(panel={"2.1": (Rating.OUTSTANDING, None)})
    report = parse_report_text(build(spec))
    assert [(p.standard, p.awarded) for p in report.panel_adjustments] == [
        ("2.1", Rating.OUTSTANDING)
    ]
    (check,) = report.checks.unexplained
    assert (check.standard, check.status, check.explanation) == (
        "2.1",
        CheckStatus.UNEXPLAINED,
        None,
    )
    assert not report.checks.ok


def test_an_inconsistent_overall_rating_is_flagged() -> None:
    spec = Spec()
    text = build(spec).replace(f"\n{spec.overall()}\n", "\nOutstanding\n", 1)
    report = parse_report_text(text)
    assert report.overall_rating is Rating.OUTSTANDING
    assert report.checks.overall.consistent is False
    assert report.checks.overall.calculated is spec.overall()
    assert not report.checks.ok
    assert any("overall findings say" in w for w in report.checks.warnings)


def test_a_missing_key_question_is_listed_and_the_rest_still_checked() -> None:
    spec = Spec(drop_rows=("2.2.2",))
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)
    assert report.checks.missing_key_questions == ("2.2.2",)
    planning = next(c for c in report.checks.standards if c.standard == "2.2")
    assert planning.status is CheckStatus.CONSISTENT
    assert not report.checks.ok


def test_table_cells_out_of_order_are_read() -> None:
    spec = Spec(
        row_overrides={
            # a word of the question moved into the figure's cell
            "4.1.1": "4.1.1. Does assessment focus on the key issues relevant unpaid work?\tto 86%",
            # the figure before the question
            "2.1.2": "2.1.2.\t73%\tDoes assessment focus sufficiently on the factors linked to "
            "offending and desistance?",
            # the question wrapped onto a second line, its figure on the first
            "4.2.1": "4.2.1. Does resettlement planning focus sufficiently on the service\t71%\n"
            "user's resettlement needs and on factors linked to offending and desistance?",
            # words split across cells
            "2.4.1": "2.4.1. Does review\ting focus suffic iently on supporting the service user's "
            "compliance and engagement?\t76%",
            # stray junk before the id
            "2.3.2": "_\t2.3.2. Does the implementation and delivery of services effectively support "
            "the service user's desistance?\t56%",
        },
        summary_overrides={"1.4": "1.4\tOutstanding\tInformation and facilities"},
    )
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)


def test_a_row_that_lost_its_id_is_known_by_its_wording() -> None:
    spec = Spec(
        row_overrides={
            "2.1.3": "2.1.8. Does assessment focus sufficiently on keeping other people safe?\t59%"
        }
    )
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)
    assert any("numbered 2.1.8" in w for w in report.checks.warnings)


def test_wording_that_is_not_the_frameworks_is_kept_and_reported() -> None:
    spec = Spec(row_overrides={"2.1.1": "2.1.1. Is the person on probation at the centre?\t82%"})
    report = parse_report_text(build(spec))
    assert report.key_question("2.1.1").text == "Is the person on probation at the centre?"
    assert report.key_question("2.1.1").percent_yes == 82
    assert any("2.1.1: the report's wording" in w for w in report.checks.warnings)


def test_crc_standards_numbered_three_are_mapped_by_name() -> None:
    spec = Spec(crc_numbering="3")
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)
    assert any("numbers standard 4.1 (Unpaid work) as 3.1" in w for w in report.checks.warnings)


def test_a_summary_row_lost_is_taken_from_the_body() -> None:
    spec = Spec(summary_overrides={"1.2": ""})
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)


def test_sources_that_disagree_are_warned_of() -> None:
    spec = Spec(summary_overrides={"1.3": "1.3\tServices\tInadequate"})
    report = parse_report_text(build(spec))
    assert report.standard("1.3").rating is Rating.INADEQUATE  # the summary of ratings wins
    assert any(
        "standard 1.3: the report disagrees with itself" in w for w in report.checks.warnings
    )


def test_an_nps_division_report_keeps_its_own_standards() -> None:
    text = build(Spec())
    start, end = text.index("4. CRC specific\n\nStandard/Key"), text.index("\n\nAnnex 3")
    text = text[:start] + text[end:]  # no CRC-specific results in the annex
    for old, new in [
        ("4.1\tUnpaid work\t", "3.1\tCourt reports and case allocation\t"),
        ("4.2\tThrough the Gate\t", "3.2\tStatutory victim work\t"),
        ("4.1. Unpaid work\t", "3.1. Court reports and case allocation\t"),
        ("4.2. Through the Gate\t", "3.2. Statutory victim work\t"),
        ("4. CRC specific", "3. NPS specific"),
    ]:
        text = text.replace(old, new)
    report = parse_report_text(text)
    assert [s.id for s in report.standards][-2:] == ["3.1", "3.2"]
    assert report.standard("3.2").name == "Statutory victim work"
    assert set(report.samples) == {"case_supervision"}
    assert report.checks.overall.consistent is None  # the framework has no 3.x standards


# --- what is refused ---------------------------------------------------------------------------


def test_empty_text_is_refused() -> None:
    with pytest.raises(ReportParseError, match="empty"):
        parse_report_text(" \n\t\n", source="blank.txt")


def test_text_that_is_no_report_is_refused_clearly() -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_report_text("Minutes of the meeting.\n\nGood progress was made on 2.1 items.\n")
    assert "does not look like a published inspection report" in caught.value.message
    assert not isinstance(caught.value, UnsupportedReportFormat)


def test_a_report_that_lacks_what_a_record_needs_is_refused_listing_it() -> None:
    text = build(Spec())
    text = text.replace("We examined 40 cases with unpaid work", "We saw cases with unpaid work")
    text = text.replace("Overall rating\n\n", "Overall\n\n").replace("is rated as:", "is:")
    text = text.replace("1.2\tStaff\tRequires improvement", "1.2\tStaff")
    text = text.replace("1.2. Staff\tRequires improvement", "1.2. Staff")
    with pytest.raises(ReportParseError) as caught:
        parse_report_text(text, source="partial.txt")
    problems = caught.value.problems
    assert any("overall rating" in p.reason for p in problems)
    assert any("standard 1.2 (Staff)" in p.reason for p in problems)
    assert any("unpaid work sample" in p.reason for p in problems)
    # the one problem shape: the file, and the field of the record each leaves unfilled
    assert {p.source for p in problems} == {"partial.txt"}
    assert {"overall_rating", "standards", "samples"} <= {p.field for p in problems}
    assert "partial.txt: samples: no unpaid work sample size" in "\n".join(map(str, problems))
    assert caught.value.message.startswith("partial.txt is not a complete published inspection")


QUALITY_IMPACT = """
Quality & Impact inspection

The effectiveness of probation work in Marshford

An inspection by HM Inspectorate of Probation

JULY 2017

Foreword

This inspection looked at the work of Marshford and Fenland Community Rehabilitation Company and
the National Probation Service South East and Eastern Division in Marshford.

Protecting the public

The CRC's work to protect the public was not good enough. The NPS did this work well.

Reducing reoffending

Work to reduce reoffending was good in the NPS and required improvement in the CRC.

Abiding by the sentence

Most individuals abided by their sentence.

Recommendations

1. Marshford and Fenland CRC should improve its work to protect the public.

Annex: methodology

We inspected 60 cases: 35 managed by the CRC and 25 by the NPS.
"""


def test_a_2017_quality_and_impact_report_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedReportFormat) as caught:
        parse_report_text(QUALITY_IMPACT, source="marshford.txt")
    error = caught.value
    assert error.format == "quality-impact-2017"
    assert "2017 Quality & Impact inspection report" in error.message
    assert "Marshford and Fenland Community Rehabilitation Company" in error.message
    assert "National Probation Service South East and Eastern Division" in error.message
    assert isinstance(error, ReportParseError)


def test_quality_and_impact_is_recognised_by_its_headings_without_its_title() -> None:
    untitled = QUALITY_IMPACT.replace("Quality & Impact inspection", "An inspection")
    with pytest.raises(UnsupportedReportFormat):
        parse_report_text(untitled)


def test_quality_and_impact_stray_table_rows_are_never_read_as_standards() -> None:
    with_rows = QUALITY_IMPACT + "\n1.1\tLeadership\tGood\n2.1\tAssessment\tGood\n" * 3
    with pytest.raises(UnsupportedReportFormat):
        parse_report_text(with_rows)


def test_a_standards_report_that_mentions_quality_and_impact_is_still_parsed() -> None:
    spec = Spec()
    text = build(spec).replace(
        "Placeholder foreword text",
        "We reported on this area in our Quality & Impact inspection in 2017 and on Protecting "
        "the public. Placeholder foreword text",
    )
    assert contract_of(parse_report_text(text).as_dict()) == contract(spec)
