"""PDFs made from report text (with WeasyPrint) parse to the same figures; files are sniffed."""

from __future__ import annotations

from pathlib import Path

import pytest

from published_builders import (
    REPORTS,
    Spec,
    build,
    contract,
    contract_of,
    report_html,
    shared_report,
)
from sufficiency.framework import Rating
from sufficiency.published import CheckStatus, ParsedReport, ReportParseError, parse_report


def write_pdf(text: str, path: Path) -> Path:
    import weasyprint

    weasyprint.HTML(string=report_html(text)).write_pdf(path)
    return path


@pytest.fixture(scope="module")
def shared_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    return {name: write_pdf(shared_report(name)[0], folder / f"{name}.pdf") for name in REPORTS}


@pytest.fixture(scope="module")
def shared_parsed(shared_pdfs: dict[str, Path]) -> dict[str, ParsedReport]:
    return {name: parse_report(path) for name, path in shared_pdfs.items()}


@pytest.mark.parametrize("name", REPORTS)
def test_a_pdf_of_a_shared_report_parses_to_the_same_figures(
    name: str, shared_pdfs: dict[str, Path], shared_parsed: dict[str, ParsedReport]
) -> None:
    assert shared_pdfs[name].read_bytes().startswith(b"%PDF")
    report = shared_parsed[name]
    assert contract_of(report.as_dict()) == shared_report(name)[1]
    assert report.checks.ok
    assert report.checks.warnings == ()


def test_the_essex_pdf_keeps_its_panel_explanations(
    shared_parsed: dict[str, ParsedReport],
) -> None:
    checks = shared_parsed["essex-crc-2018"].checks
    adjusted = {c.standard: c.explanation for c in checks.explained}
    assert sorted(adjusted) == ["2.4", "4.2"]
    assert all(text and "ratings panel" in text for text in adjusted.values())


def test_superscript_marks_in_a_pdf_link_panel_footnotes(tmp_path: Path) -> None:
    note = "The ratings panel agreed the calculated rating be adjusted upwards."
    spec = Spec(panel={"2.3": (Rating.GOOD, note)})
    text = build(spec)
    for digit in "56789":  # the builder's footnote marks, as real <sup> superscripts
        text = text.replace("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(digit)], f"<sup>{digit}</sup>")
    report = parse_report(write_pdf(text, tmp_path / "invented.pdf"))
    assert contract_of(report.as_dict()) == contract(spec)
    (check,) = report.checks.explained
    assert (check.standard, check.status, check.explanation) == (
        "2.3",
        CheckStatus.PANEL_ADJUSTMENT,
        note,
    )


def test_files_are_told_apart_by_content_not_name(tmp_path: Path) -> None:
    spec = Spec()
    pdf_named_txt = write_pdf(build(spec), tmp_path / "report.txt")
    text_named_pdf = tmp_path / "report.pdf"
    text_named_pdf.write_text(build(spec), encoding="utf-8")
    for path in (pdf_named_txt, text_named_pdf):
        assert contract_of(parse_report(path).as_dict()) == contract(spec)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "not a readable PDF"),
        (b"", "empty"),
        (b"PK\x03\x04\x14\x00\x00\x00word/document.xml", "zip archive"),
        (bytes(range(256)) * 20, "binary file"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    with pytest.raises(ReportParseError, match=says):
        parse_report(path)


def test_a_missing_file_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportParseError, match="cannot read"):
        parse_report(tmp_path / "absent.pdf")


def test_a_pdf_without_text_gets_a_clear_error(tmp_path: Path) -> None:
    import weasyprint

    path = tmp_path / "blank.pdf"
    weasyprint.HTML(string="<html><body><div style='height:5cm'></div></body></html>").write_pdf(
        path
    )
    with pytest.raises(ReportParseError, match="without a text layer"):
        parse_report(path)
