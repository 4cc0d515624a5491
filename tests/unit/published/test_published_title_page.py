"""The title page, as the reports of 2019 and 2020 lay it out (issue 13), and the overall rating's
fallback, which reads only what the report says of the provider as a whole.

Each text is the builder's invented report with its cover (or a sentence) written another way;
what a correct parse gives is known by construction.
"""

from __future__ import annotations

import pytest

from published_builders import Spec, build, contract, contract_of
from sufficiency.framework import Rating
from sufficiency.published import ReportParseError, parse_report_text

SPEC = Spec()
COVER = (
    "An inspection of\n\nFenmarsh and Westvale\n\nCommunity Rehabilitation Company\n\n"
    "HM Inspectorate of Probation\n\nMARCH 2019"
)
NAME = "Fenmarsh and Westvale Community Rehabilitation Company"


def with_cover(cover: str, text: str | None = None) -> str:
    text = text or build(SPEC)
    assert COVER in text
    return text.replace(COVER, cover, 1)


@pytest.mark.parametrize(
    "cover",
    [
        # a PDF that set the name and the cover date on one line
        f"An inspection of probation services in:\n\n{NAME} HMI Probation, June 2020",
        f"An inspection of probation services in:\n\n{NAME}\n\nHMI Probation, June 2020",
        # text copied from the inspectorate's web page, with its furniture
        "An inspection of\n\nFenmarsh and Westvale\n\nCommunity Rehabilitation Company\n\n"
        "Upload • Download\n\nJUNE 2020",
    ],
)
def test_the_provider_name_never_swallows_the_cover_date_or_furniture(cover: str) -> None:
    report = parse_report_text(with_cover(cover))
    assert report.provider == NAME
    assert contract_of(report.as_dict()) == contract(SPEC)
    assert report.publication_date == "2020-06"
    assert not [w for w in report.checks.warnings if "the title names" in w]


def test_the_publication_month_is_kept_from_the_later_cover() -> None:
    report = parse_report_text(with_cover(f"An inspection of\n\n{NAME}\n\nHMI Probation, May 2020"))
    assert report.publication_date == "2020-05"  # not only the copyright line's year


def test_the_fieldwork_start_is_read_in_the_2019_20_wording() -> None:
    text = build(SPEC).replace(
        "Fieldwork started: November 2018",
        "The fieldwork for this inspection started on 06 January 2020.",
    )
    report = parse_report_text(text)
    assert report.fieldwork_date == "2020-01"
    assert contract_of(report.as_dict()) == contract(SPEC)


def test_a_damaged_title_gives_way_to_the_running_footers_full_name() -> None:
    text = with_cover(
        "An inspection of\n\n\ufffd\ufffd\ufffd\ufffd\n\nHM Inspectorate of Probation"
    )
    text = text.replace(f"Service: {NAME}\n", "")
    text = text.replace(f"Overall, {NAME} is rated", "Overall, the CRC is rated")
    footer = f"Inspection of probation services: {NAME}"
    paragraph = "Placeholder findings for this standard, in a paragraph of ordinary prose."
    assert text.count(paragraph) >= 4
    text = text.replace(paragraph, f"{paragraph}\n\n{footer}\n")
    report = parse_report_text(text)
    assert report.provider == NAME
    assert contract_of(report.as_dict()) == contract(SPEC)


# --- the overall rating's fallback ---------------------------------------------------------------

FOREWORD = "Placeholder foreword text about the provider and what the inspection found in its work."
SUMMARY = f"Overall rating\n\n{SPEC.overall()}\n\n"
OTHER = next(r for r in Rating if r is not SPEC.overall())  # a standard's rating, in the prose
STANDARD_RATED = f"Its leadership was rated {str(OTHER).lower()}."


def test_a_standards_rating_in_the_prose_is_never_taken_for_the_overall_one() -> None:
    text = build(SPEC).replace(SUMMARY, "Overall\n\n", 1)  # the summary lost its overall rating
    text = text.replace(FOREWORD, f"{FOREWORD} {STANDARD_RATED}")
    report = parse_report_text(text)
    assert report.overall_rating is SPEC.overall()  # the overall findings' sentence about it
    assert contract_of(report.as_dict()) == contract(SPEC)


def test_without_a_sentence_about_the_provider_there_is_no_overall_rating() -> None:
    text = build(SPEC).replace(SUMMARY, "Overall\n\n", 1)
    text = text.replace(f"Overall, {NAME} is rated as:", "Overall, the findings are as follows:")
    text = text.replace(FOREWORD, f"{FOREWORD} {STANDARD_RATED}")
    with pytest.raises(ReportParseError) as caught:
        parse_report_text(text, source="invented.txt")
    assert any("no overall rating" in p.reason for p in caught.value.problems)
