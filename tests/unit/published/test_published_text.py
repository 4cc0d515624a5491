"""Cleaning conversion damage, and the lexical helpers the parser leans on."""

from __future__ import annotations

import pytest

from sufficiency.framework import Rating
from sufficiency.published.text import (
    clean,
    find_ratings,
    parse_number,
    repair_split_words,
    split_marks,
    vocabulary,
)


@pytest.mark.parametrize(
    "spelling",
    [
        "Requires improvement¹⁸",
        "Requires improvement $^{^{18}}$",
        "Requires improvement$^{18}$",
        "Requires improvement<sup>18</sup>",
        "Requires improvement[^18]",
    ],
)
def test_every_spelling_of_a_footnote_mark_becomes_one_mark(spelling: str) -> None:
    text, marks = split_marks(clean(spelling).strip())
    assert marks == (18,)
    assert text.strip() == "Requires improvement"


@pytest.mark.parametrize(
    ("phrase", "rating"),
    [
        ("Requires Improvement", Rating.REQUIRES_IMPROVEMENT),
        ("requires improvement¹⁸", Rating.REQUIRES_IMPROVEMENT),
        ("Requires he improvement", Rating.REQUIRES_IMPROVEMENT),  # a cell's word moved in
        ("Requires\timprovement", Rating.REQUIRES_IMPROVEMENT),
        ("INADEQUATE", Rating.INADEQUATE),
        ("Inadequate19", Rating.INADEQUATE),  # a PDF superscript, glued as digits
        ("Out standing", Rating.OUTSTANDING),
        ("<b>Good</b>", Rating.GOOD),
        ("**Good**", Rating.GOOD),
    ],
)
def test_rating_words_are_normalised(phrase: str, rating: Rating) -> None:
    assert [found.rating for found in find_ratings(clean(phrase))] == [rating]


def test_a_glued_plain_digit_mark_is_kept_apart_from_the_word() -> None:
    (found,) = find_ratings("Requires improvement19")
    assert (found.rating, found.mark) == (Rating.REQUIRES_IMPROVEMENT, 19)
    assert find_ratings("goodness") == []
    assert find_ratings("the Goodwin centre") == []


def test_html_markup_is_unwrapped() -> None:
    cleaned = clean(
        "<p><b>Overall rating</b></p><p>Good</p>"
        "<table><tr><td>1.1</td><td>Leadership</td><td>Good</td></tr></table>"
        "<p>Smith &amp; Jones <i>said</i> so<br>again</p>"
    )
    lines = [line for line in cleaned.split("\n") if line]
    assert lines == [
        "Overall rating",
        "Good",
        "1.1\tLeadership\tGood",
        "Smith & Jones said so",
        "again",
    ]


def test_markdown_is_unwrapped() -> None:
    cleaned = clean(
        "## Summary\n\n| 1.1 | Leadership | **Good** |\n|---|---|---|\n"
        "| 1.2 | Staff | *Requires improvement* |\n\n---\n\nSee [the standards](http://x.test) \\- now."
    )
    assert [line for line in cleaned.split("\n") if line] == [
        "Summary",
        "1.1\tLeadership\tGood",
        "1.2\tStaff\tRequires improvement",
        "See the standards - now.",
    ]


def test_whitespace_is_tidied_and_odd_characters_made_plain() -> None:
    cleaned = clean("2.1.1.\t \t Does  it\u00a0work\u2019s way?   82%\r\nﬁne\u200b\r\n")
    assert cleaned == "2.1.1.\tDoes it work's way?\t82%\nfine\n"


def test_the_contents_page_is_dropped() -> None:
    text = "\n".join(
        [
            "An inspection of",
            "Contents",
            "",
            "Foreword.....\t4",
            "Summary of ratings\t8",
            "1.1. Leadership\t14",
            "Annex⇥t 1: Methodology\t",
            "4.1.",
            "",
            "This inspection was led by HM Inspector A Person, supported by a team of inspectors.",
            "1.1. Leadership\tGood",
        ]
    )
    assert clean(text).split("\n")[:3] == [
        "An inspection of",
        "This inspection was led by HM Inspector A Person, supported by a team of inspectors.",
        "1.1. Leadership\tGood",
    ]


def test_page_furniture_is_dropped_but_repeated_ratings_are_not() -> None:
    header = "Inspection of probation services: Fenmarsh and Westvale CRC"
    body = ["Opening paragraph of the report, long enough to be prose and not a heading."] * 45
    lines = [
        *body,
        header,
        "12",
        "Inadequate",
        "Page 13 of 40",
        header,
        "Inadequate",
        "73%",
        header,
    ]
    cleaned = clean("\n".join(lines)).split("\n")
    assert header not in cleaned
    assert "12" not in cleaned
    assert "Page 13 of 40" not in cleaned
    assert cleaned.count("Inadequate") == 2
    assert "73%" in cleaned  # a figure is not a page number


def test_split_words_are_mended_against_known_words() -> None:
    known = vocabulary(["Assessment is well-informed, analytical", "Planning is holistic"])
    assert repair_split_words("Assess ssessment ment is well-informed,", known) == (
        "Assessment is well-informed,"
    )
    assert repair_split_words("Planning ng is holistic", known) == "Planning is holistic"
    assert repair_split_words("assess ment is", known) == "assessment is"
    assert repair_split_words("is is holistic", known) == "is is holistic"  # known words stay


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("100", 100),
        ("three", 3),
        ("twenty-eight", 28),
        ("one hundred and twenty", 120),
        ("x", None),
    ],
)
def test_numbers_in_words(text: str, number: int | None) -> None:
    assert parse_number(text) == number
