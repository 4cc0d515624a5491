"""Refusals that say why, each tried as a new user would (issue 13): a report cut short, the formats
published after 2018/19 and the Quality & Impact reports each named, and, for scripts, the
refusal as JSON on standard output.

The texts are invented, laid out as the reports lay them out: a cover, a contents page, the
title-page paragraph, and for the 2018/19 format the builder's whole report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from published_builders import Spec, build
from sufficiency.cli import app
from sufficiency.published import ReportParseError, UnsupportedReportFormat, parse_report_text
from sufficiency.published.errors import TruncatedReport

from .test_published_formats import QUALITY_IMPACT

runner = CliRunner()

# --- a report cut short ----------------------------------------------------------------------


def test_a_report_cut_after_its_foreword_is_refused_as_truncated() -> None:
    text = build(Spec())
    cut = text[: text.index("Overall findings\n\nOverall,")]
    with pytest.raises(TruncatedReport) as caught:
        parse_report_text(cut, source="partial.pdf")
    error = caught.value
    assert error.message.startswith("partial.pdf is cut short: its contents list")
    assert "'Summary of ratings'" in error.message
    assert "'Annex 2: Inspection results'" in error.message
    assert "2018/19 standards format" not in error.message
    assert error.missing[:2] == ("Overall findings", "Summary of ratings")
    assert error.missing[-1] == "Annex 2: Inspection results"


def test_a_report_cut_before_its_results_annex_is_refused_naming_the_annex() -> None:
    text = build(Spec())
    cut = text[: text.index("Annex 1: Methodology")]
    with pytest.raises(TruncatedReport) as caught:
        parse_report_text(cut, source="partial.txt")
    assert caught.value.missing == ("Annex 2: Inspection results",)
    assert "not a complete published inspection report" not in caught.value.message


def test_a_whole_report_that_lacks_a_figure_is_not_called_truncated() -> None:
    text = build(Spec()).replace("Overall rating\n\n", "Overall\n\n").replace("is rated as:", "is:")
    with pytest.raises(ReportParseError) as caught:
        parse_report_text(text, source="whole.txt")
    assert not isinstance(caught.value, TruncatedReport)
    assert "not a complete published inspection report" in caught.value.message


# --- formats published after 2018/19 -----------------------------------------------------------

COVER_2020 = """
An inspection of probation services in:

Fenmarsh and Westvale

HMI Probation, May 2020

Contents

Foreword\t3
Overall findings\t4
Ratings\t6

This inspection was led by HM Inspector Alex Marlowe, supported by a team of inspectors.

The fieldwork for this inspection started on 06 January 2020.

Foreword

Placeholder foreword text about the probation services in the area.

Overall findings

Organisational delivery was rated as requires improvement. Case supervision was rated as
inadequate for the work done with people on probation in the area.
"""


def test_a_2019_20_report_is_refused_by_name_with_its_provider_and_month() -> None:
    with pytest.raises(UnsupportedReportFormat) as caught:
        parse_report_text(COVER_2020, source="westvale-2020.pdf")
    error = caught.value
    assert error.format == "probation-standards-2019-20"
    assert "a report of the 2019/20 inspection programme" in error.message
    assert "Fenmarsh and Westvale" in error.message
    assert "published 2020-05" in error.message
    assert "HMI Probation, May 2020" in error.message


PDU = """
An inspection of probation services in:

Westvale Probation Delivery Unit

HMI Probation, March 2022

This inspection was led by HM Inspector Alex Marlowe, supported by a team of inspectors.

Overall, Westvale PDU was rated as: Requires improvement.
"""

YOUTH = """
An inspection of youth offending services in

Fenmarsh

HMI Probation, August 2019

Overall, Fenmarsh Youth Offending Team is rated as: Good.

1.1\tGovernance and leadership\tGood
1.2\tStaff\tGood
1.3\tPartnerships and services\tGood
1.4\tInformation and facilities\tGood
2.1\tAssessment\tGood
2.2\tPlanning\tGood
"""


@pytest.mark.parametrize(
    ("text", "format", "says"),
    [
        (PDU, "probation-pdu-2021", "probation delivery unit (PDU) inspection report"),
        (YOUTH, "youth-offending", "youth offending service inspection report"),
    ],
)
def test_later_inspections_are_refused_by_name(text: str, format: str, says: str) -> None:
    with pytest.raises(UnsupportedReportFormat) as caught:
        parse_report_text(text, source="report.pdf")
    assert caught.value.format == format
    assert says in caught.value.message


def test_a_standards_report_that_names_a_delivery_unit_in_its_body_is_still_read() -> None:
    text = build(Spec()).replace(
        "Placeholder foreword text", "Work in each probation delivery unit (PDU) was seen."
    )
    assert (
        parse_report_text(text).provider == "Fenmarsh and Westvale Community Rehabilitation Company"
    )


def test_a_quality_and_impact_report_is_named_with_its_own_year() -> None:
    dated_2016 = QUALITY_IMPACT.replace("JULY 2017", "NOVEMBER 2016")
    with pytest.raises(UnsupportedReportFormat) as caught:
        parse_report_text(dated_2016, source="marshford.txt")
    assert "is a 2016 Quality & Impact inspection report" in caught.value.message
    undated = QUALITY_IMPACT.replace("JULY 2017\n", "")
    with pytest.raises(UnsupportedReportFormat) as caught:
        parse_report_text(undated, source="marshford.txt")
    assert "is a 2015–2017 Quality & Impact inspection report" in caught.value.message


# --- refusals for scripts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind", "extra"),
    [
        (COVER_2020, "unsupported-format", {"format": "probation-standards-2019-20"}),
        ("Minutes of the meeting.\n\nNothing about ratings.\n", "not-readable", {}),
    ],
)
def test_with_format_json_a_refusal_is_json_on_standard_output(
    tmp_path: Path, content: str, kind: str, extra: dict[str, str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["published", "parse", str(path), "--format", "json"])
    assert result.exit_code == 2
    refusal = json.loads(result.stdout)
    assert refusal["kind"] == kind
    assert refusal["error"].startswith(str(path))
    assert isinstance(refusal["problems"], list)
    assert {k: refusal[k] for k in extra} == extra
    assert refusal["error"] in " ".join(result.stderr.split()) or "Error:" in result.stderr


def test_with_format_json_a_truncated_report_lists_what_is_missing(tmp_path: Path) -> None:
    text = build(Spec())
    path = tmp_path / "partial.txt"
    path.write_text(text[: text.index("Annex 1: Methodology")], encoding="utf-8")
    result = runner.invoke(app, ["published", "parse", str(path), "--format", "json"])
    assert result.exit_code == 2
    refusal = json.loads(result.stdout)
    assert (refusal["kind"], refusal["missing"]) == ("truncated", ["Annex 2: Inspection results"])
    # each problem as the API lists every reader's: source, line, field, value, reason
    assert refusal["problems"] == [
        {
            "source": str(path),
            "line": None,
            "field": "contents",
            "value": None,
            "reason": "missing: Annex 2: Inspection results",
        }
    ]
    assert f"{path}: contents: missing: Annex 2: Inspection results" in result.stderr
