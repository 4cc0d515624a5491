"""HTML (escaped, GOV.UK, headings in order), tagged PDF, CSV and JSON of every table, charts."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from sufficiency.reporting import (
    GroupBreakdown,
    GroupFigure,
    PracticeExample,
    Provider,
    ReportData,
    build_report,
    render_html,
    render_pdf,
    tables_csv,
    tables_json,
)
from sufficiency.reporting.cells import spreadsheet_safe
from sufficiency.reporting.charts import Bar, key_question_chart

HOSTILE = '<script>alert("x")</script> <b>bold</b> & <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile(make_data: Callable[..., ReportData]) -> ReportData:
    """Narrative and names that would be markup or formulas if anything passed them through."""
    data = make_data()
    story = replace(
        data.narrative,
        foreword=HOSTILE,
        practice_examples=(PracticeExample("2.1", '=HYPERLINK("http://x")', HOSTILE),),
    )
    units = ("=1+2", "@SUM(A1)", "-5", "+44 office", "\tTabbed")
    groups = tuple(GroupBreakdown(u, (GroupFigure("2.1.1", 6, 2),)) for u in units)
    return replace(
        data,
        provider=Provider("=CMD|' /C calc'!A0 Community Rehabilitation Company", "CRC"),
        narrative=story,
        breakdowns=groups,
    )


@pytest.fixture(scope="module")
def page(make_data: Callable[..., ReportData]) -> str:
    return render_html(build_report(make_data()))


@pytest.fixture(scope="module")
def pdf(make_data: Callable[..., ReportData], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(build_report(make_data())))
    return path


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self.ids += [v for k, v in attrs if k == "id" and v]


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def test_narrative_markup_is_printed_as_words_never_run(hostile: ReportData) -> None:
    html = render_html(build_report(hostile))
    found = outline(html)
    assert "script" not in found.tags and "img" not in found.tags and "b" not in found.tags
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp;" in html


def test_the_html_is_a_gov_uk_page_in_british_english_with_headings_in_order(page: str) -> None:
    found = outline(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert found.headings[0] == 1 and found.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(found.headings))
    assert "govuk-table" in page and "govuk-heading-xl" in page
    assert len(found.ids) == len(set(found.ids)), "an id is used twice"


def test_table_headers_are_marked_with_their_scope(page: str) -> None:
    assert page.count('<th scope="col"') >= 10
    assert '<th scope="row" class="govuk-table__header">1.1 Leadership</th>' in page


def test_the_pdf_is_tagged_with_language_title_and_real_text(pdf: Path) -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed; make test installs it")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert re.search(
        r"^Title:\s+An inspection of Fenmarsh Community Rehabilitation Company$", info, re.M
    )


def _structure(pdf: Path) -> tuple[str, list[str]]:
    """The document language and the structure tree's element kinds, in document order."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                yield from walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                yield str(node["/S"]).lstrip("/")
            if "/K" in node:
                yield from walk(node["/K"])

    catalog = PdfReader(pdf).trailer["/Root"].get_object()
    lang = str(catalog["/Lang"])
    return lang, list(walk(catalog["/StructTreeRoot"].get_object()["/K"]))


def test_the_pdf_structure_has_its_language_headings_in_order_and_table_headers(pdf: Path) -> None:
    lang, kinds = _structure(pdf)
    assert lang == "en-GB"
    headings = [int(k[1]) for k in kinds if re.fullmatch(r"H[1-6]", k)]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))
    assert {"Table", "TR", "TH", "TD", "L", "LI", "Figure", "P"} <= set(kinds)


def test_pdf_text_gives_headings_and_tables_in_reading_order(pdf: Path) -> None:
    from sufficiency.published.pdf import pdf_text_in_process

    text = pdf_text_in_process(pdf.read_bytes(), str(pdf))
    # PDFium separates table cells by tabs and paragraphs by blank lines: read as lines of words.
    text = re.sub(r"\n[ \t]*(?=\n)", "", re.sub(r"[ \t]+", " ", text))
    order = [
        "Foreword",
        "This is the first inspection of Fenmarsh under the new standards.",
        "Summary of ratings",
        "Standard Rating",
        "Overall rating Requires improvement",
        "1.1 Leadership Good",
        "4.2 Through the Gate Good",
        "Recommendations",
        "Annex 1: Methodology",
        "Case supervision",
        "We examined 100 cases.",
        "Annex 2: Inspection results",
        "Standard/Key question Rating/% yes",
        "2.1.1. Does assessment focus sufficiently on engaging the service user? 82%",
        "2.4.3. Does reviewing focus sufficiently on keeping other people safe?[^1] 48%",  # its mark
        "Annex 3: Results by local delivery unit",
    ]
    body = text[text.index("Annex 4: Charts of key question results") :]  # after the contents
    position = 0
    for line in order:
        position = body.index(f"\n{line}\n", position)  # each after the one before


def test_narrative_paragraphs_carry_stable_ids_for_comments_on_the_draft(page: str) -> None:
    assert '<p class="govuk-body" id="standard-2.1-key-findings-2">Risk was missed.</p>' in page
    assert '<ul class="govuk-list govuk-list--bullet" id="overall-findings-2">' in page


def test_every_table_is_in_the_csv_and_json_and_no_cell_is_a_formula(hostile: ReportData) -> None:
    report = build_report(hostile)
    files = tables_csv(report)
    assert sorted(files) == sorted(f"{t.id}.csv" for t in report.tables())
    cells = [
        cell for text in files.values() for row in csv.reader(io.StringIO(text)) for cell in row
    ]
    document = json.loads(tables_json(report))
    cells += [c for t in document["tables"] for row in [t["columns"], *t["rows"]] for c in row]
    cells += [document["provider"], document["title"]]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    breakdown = next(t for t in document["tables"] if t["id"] == "breakdown-domain-2")
    assert breakdown["columns"] == [
        "Key question",
        "'=1+2",
        "'@SUM(A1)",
        "'-5",
        "'+44 office",
        "'\tTabbed",
    ]
    assert breakdown["rows"][0][1:] == ["75%"] * 5


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("82%", "82%"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_spreadsheet_safe(value: str, written: str) -> None:
    assert spreadsheet_safe(value) == written


def test_chart_labels_are_text_never_mathtext(framework: Any) -> None:
    svg = key_question_chart(
        "A $title$", [Bar("$\\alpha^2$", 55), Bar("2.1.2", None)], framework.ratings, "c1"
    )
    assert ">$\\alpha^2$</text>" in svg
    assert '<title id="c1-title">A $title$</title>' in svg
    assert ">no figure</text>" in svg
    for band in ("Outstanding", "Good", "Inadequate"):
        assert f">{band}</text>" in svg
    assert all(i.startswith("c1-") for i in re.findall(r'\bid="([^"]+)"', svg))


def test_the_fragment_for_a_page_of_the_app_is_the_main_element_alone(
    make_data: Callable[..., ReportData],
) -> None:
    fragment = render_html(build_report(make_data()), standalone=False)
    assert fragment.startswith(
        '<main class="govuk-main-wrapper report" id="main-content" lang="en-GB">'
    )
    assert fragment.rstrip().endswith("</main>")
    assert "<style>" not in fragment and "<html" not in fragment
