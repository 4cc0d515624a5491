"""A report file → its text: PDF or text, told apart by the bytes, not the name."""

from __future__ import annotations

from pathlib import Path

from sufficiency.framework import Framework
from sufficiency.published.errors import ReportParseError, ReportTooComplex
from sufficiency.published.model import ParsedReport
from sufficiency.published.parser import parse_report_text
from sufficiency.published.pdf_extract import LIMITS


def parse_report(path: Path, framework: Framework | None = None) -> ParsedReport:
    """Read a published inspection report from a PDF or a text file.

    Raises ``ReportParseError`` for a file that cannot be read or is not such a report.
    """
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ReportParseError(f"cannot read {source}: {reason}", source=source) from None
    return parse_report_text(report_text(data, source), source, framework)


def report_text(data: bytes, source: str = "<bytes>") -> str:
    """The text of a report file's bytes: extracted from a PDF, or decoded."""
    if not data.strip():
        raise ReportParseError(f"{source} is empty: there is no report to read", source=source)
    if is_pdf(data):
        from sufficiency.published.pdf import pdf_text

        return pdf_text(data, source)
    if data.startswith(b"PK\x03\x04"):
        raise ReportParseError(
            f"{source} is a zip archive (perhaps a Word document), not report text or a PDF; "
            "save the report as PDF or text first",
            source=source,
        )
    text = decode_text(data, source)
    if len(text) > LIMITS.characters:
        raise ReportTooComplex(
            f"{source} is too large to read ({len(text):,} characters, at most "
            f"{LIMITS.characters:,}); nothing was stored. A published inspection report's text "
            "is a few hundred thousand characters at most: check that this is the report.",
            "characters",
            source,
        )
    return text


def is_pdf(data: bytes) -> bool:
    """Whether bytes are a PDF: its header within the first kilobyte, as readers allow."""
    return b"%PDF-" in data[:1024]


def decode_text(data: bytes, source: str = "<bytes>") -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in text or controls > len(text[:4096]) // 50:
        raise ReportParseError(
            f"{source} is a binary file, not report text or a PDF", source=source
        )
    return text
