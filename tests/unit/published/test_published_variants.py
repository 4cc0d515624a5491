"""Other reports of the 2018/19 programme: the shared Essex report laid out as other providers'
reports are (titles, summary tables, annex rows, samples, footnotes, characters, NPS divisions).

Each variant's correct parse is known by construction (the expected JSON, changed as the variant
changes the facts), never taken from the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from published_builders import (
    NPS_NAME,
    contract_of,
    nps_division,
    renamed,
    restyle_annex_rows,
    restyle_summary,
    shared_report,
    without_body_ratings,
)
from sufficiency.framework import Rating
from sufficiency.published import CheckStatus, parse_report_text

ESSEX, EXPECTED = shared_report("essex-crc-2018")
KSS = "Kent, Surrey and Sussex Community Rehabilitation Company"


def parsed_contract(text: str) -> dict[str, Any]:
    return contract_of(parse_report_text(text).as_dict())


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (f"An inspection of probation services in:\n\nKent, Surrey and Sussex\n\n{KSS[24:]}", KSS),
        (f"An inspection of probation services in:\n{KSS}", KSS),
        (f"An inspection of probation services in: {KSS}", KSS),
        (
            "An inspection of probation services provided by\n\nSt Aldhelm's and Marsh Vale\n\n"
            "Community Rehabilitation Company",
            "St Aldhelm's and Marsh Vale Community Rehabilitation Company",
        ),
    ],
)
def test_titles_and_provider_names(title: str, name: str) -> None:
    text, expected = renamed(ESSEX, EXPECTED, title, name)
    assert parsed_contract(text) == expected


@pytest.mark.parametrize(
    "summary",
    [
        "Overall rating: Requires Improvement",
        "OVERALL RATING\n\nREQUIRES IMPROVEMENT",
        "Overall rating\tRequires improvement",
        "Overall rating\n\nRequires\nimprovement",
        "",  # only the overall findings say it
    ],
)
@pytest.mark.parametrize(
    "findings",
    ["is rated as: **Requires Improvement**", "has been rated as 'Requires Improvement'"],
)
def test_the_overall_rating_however_it_is_phrased(summary: str, findings: str) -> None:
    text = ESSEX.replace("Overall rating\n\nRequires improvement", summary, 1)
    text = text.replace("is rated as: **Requires Improvement**", findings)
    assert parsed_contract(text) == EXPECTED


Row = Callable[[str, str, str, str], str]
SUMMARY_LAYOUTS: dict[str, Row] = {
    "markdown": lambda i, n, r, m: f"| {i}{m} | {n} | {r} |",
    "one cell per line": lambda i, n, r, m: f"{i}{m}\n{n}\n{r}",
    "one cell per line, blank lines": lambda i, n, r, m: f"{i}{m}\n\n{n}\n\n{r}",
    "rating before name": lambda i, n, r, m: f"{i}{m}\t{r}\t{n}",
    "rating first": lambda i, n, r, m: f"{r}\t{i}{m}\t{n}",
    "rating first, one cell per line": lambda i, n, r, m: f"{r}\n{i}{m}\n{n}",
    "spaces only": lambda i, n, r, m: f"{i}{m} {n} {r}",
    "rating on the next line": lambda i, n, r, m: f"{i}{m} {n}\n{r}",
    "capitals": lambda i, n, r, m: f"{i}{m}\t{n}\t{r.upper()}",
    "standard prefix": lambda i, n, r, m: f"Standard {i}{m}: {n}\t{r}",
    "page furniture inside": lambda i, n, r, m: (
        f"{i}{m}\t{n}\t{r}"
        + ("\n\nInspection of probation services: Essex\n\n9\n" if i == "2.2" else "")
    ),
    "a heading between rows": lambda i, n, r, m: (
        ("Organisational delivery (continued)\n" if i == "1.3" else "") + f"{i}{m}\t{n}\t{r}"
    ),
}


@pytest.mark.parametrize("layout", SUMMARY_LAYOUTS)
def test_summary_of_ratings_layouts_alone_give_every_rating(layout: str) -> None:
    text = restyle_summary(without_body_ratings(ESSEX), SUMMARY_LAYOUTS[layout])
    report = parse_report_text(text)
    assert contract_of(report.as_dict()) == EXPECTED
    assert not [w for w in report.checks.warnings if "disagrees" in w]


@pytest.mark.parametrize(
    "note",
    [
        "Following a review of the evidence, inspectors raised this standard from Inadequate, as "
        "the figures were borderline.",
        "The rating for this standard was moderated upwards, taking account of the evidence.",
    ],
)
def test_a_panel_footnote_that_does_not_name_the_panel_still_explains(note: str) -> None:
    old = next(line for line in ESSEX.split("\n") if line.startswith("¹⁸ "))
    report = parse_report_text(ESSEX.replace(old, f"¹⁸ {note}"))
    assert contract_of(report.as_dict()) == EXPECTED
    reviewing = next(c for c in report.checks.standards if c.standard == "2.4")
    assert (reviewing.status, reviewing.explanation) == (CheckStatus.PANEL_ADJUSTMENT, note)


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\n", "\r"),
        lambda t: "\ufeff" + t.replace(" ", "\u00a0"),
        lambda t: t.replace("'", "\u2019"),
        lambda t: t.replace("fi", "\ufb01").replace("fl", "\ufb02"),
        lambda t: t.replace("sufficiently", "suffi\u00adciently"),
        lambda t: t.replace("sub-sample", "sub\u2011sample").replace("well-", "well\u2010"),
        lambda t: t.replace(" - ", " \u2014 "),
    ],
    ids=["crlf", "cr", "nbsp", "curly", "ligatures", "soft-hyphen", "unicode-hyphens", "dashes"],
)
def test_characters_conversion_leaves(damage: Callable[[str], str]) -> None:
    report = parse_report_text(damage(ESSEX))
    assert contract_of(report.as_dict()) == EXPECTED
    assert report.checks.warnings == ()


def test_an_nps_division_keeps_its_own_standards_and_key_questions() -> None:
    text, expected = nps_division(ESSEX, EXPECTED)
    report = parse_report_text(text)
    assert contract_of(report.as_dict()) == expected
    assert report.provider == NPS_NAME
    assert report.standard("3.2").rating is Rating.OUTSTANDING
    assert not any(s.id.startswith("4.") for s in report.standards)
    assert report.checks.overall.consistent is None
    assert any("not checked" in w and "3.1" in w for w in report.checks.warnings)
    assert [c.standard for c in report.checks.standards] == ["2.1", "2.2", "2.3", "2.4"]


ANNEX_LAYOUTS: dict[str, Row] = {
    "figure on its own line": lambda i, q, m, p: f"{i} {q}{m}\n{p}",
    "figure after a blank line": lambda i, q, m, p: f"{i} {q}{m}\n\n{p}",
    "figure above the row": lambda i, q, m, p: f"{p}\n{i} {q}{m}",
    "figure glued": lambda i, q, m, p: f"{i} {q}{m}{p}",
    "figure before the question": lambda i, q, m, p: f"{i}\t{p}\t{q}{m}",
    "markdown": lambda i, q, m, p: f"| {i} | {q}{m} | {p} |",
    "one cell per line": lambda i, q, m, p: f"{i}\n{q}{m}\n{p}",
    "one cell per line, blank lines": lambda i, q, m, p: f"{i}\n\n{q}{m}\n\n{p}",
    "space before %": lambda i, q, m, p: f"{i} {q}{m}\t{p[:-1]} %",
    "question wrapped": lambda i, q, m, p: (
        f"{i} {q[: q.index(' ', len(q) // 2)]}\t{p}\n{q[q.index(' ', len(q) // 2) + 1 :]}{m}"
    ),
    "page furniture inside": lambda i, q, m, p: (
        ("Inspection of probation services: Essex\n\nPage 31 of 40\n\n" if i == "2.1.3." else "")
        + f"{i} {q}{m}\t{p}"
    ),
}


@pytest.mark.parametrize("layout", ANNEX_LAYOUTS)
def test_results_annex_layouts(layout: str) -> None:
    assert parsed_contract(restyle_annex_rows(ESSEX, ANNEX_LAYOUTS[layout])) == EXPECTED


CASE_SAMPLE = "We examined 100 cases from across three LMCs."
UPW_SAMPLE = "We examined 36 cases with unpaid work requirements which had started"
TTG_SAMPLE = "We examined 15 custodial cases in which"


@pytest.mark.parametrize(
    ("replacements", "samples"),
    [
        ({CASE_SAMPLE: "We inspected 120 cases from across three LMCs."}, (120, 36, 15)),
        ({CASE_SAMPLE: "The case supervision sample consisted of 134 cases."}, (134, 36, 15)),
        ({CASE_SAMPLE: "A total of 100 cases were inspected, in three LMCs."}, (100, 36, 15)),
        (
            {CASE_SAMPLE: "Inspectors examined 100 case files from across three LMCs."},
            (100, 36, 15),
        ),
        ({CASE_SAMPLE: "We examined 1,134 community sentence and licence cases."}, (1134, 36, 15)),
        (
            {CASE_SAMPLE: "We examined 100 cases; in 52 cases there were safeguarding concerns."},
            (100, 36, 15),
        ),
        ({UPW_SAMPLE: "We examined 39 unpaid work cases which had started"}, (100, 39, 15)),
        (
            {
                UPW_SAMPLE: "We also examined 36 unpaid work cases and 27 Through the Gate cases. "
                "The unpaid work cases had started",
                TTG_SAMPLE: "We looked at those custodial cases in which",
            },
            (100, 36, 27),
        ),
        (
            {
                CASE_SAMPLE: "We examined 100 cases from across three LMCs, 64 unpaid work cases "
                "and 50 Through the Gate cases.",
                UPW_SAMPLE: "The unpaid work cases had started",
                TTG_SAMPLE: "The custodial cases were those in which",
            },
            (100, 64, 50),
        ),
        (
            {TTG_SAMPLE: "We inspected 16 cases of individuals released on licence, in which"},
            (100, 36, 16),
        ),
    ],
)
def test_sample_sizes_however_they_are_worded(
    replacements: dict[str, str], samples: tuple[int, int, int]
) -> None:
    text = ESSEX
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    sizes = dict(zip(("case_supervision", "unpaid_work", "through_the_gate"), samples, strict=True))
    assert parsed_contract(text) == {**EXPECTED, "samples": sizes}
