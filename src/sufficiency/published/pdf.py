"""A report PDF → text shaped like the converted reports the parser reads.

pdfplumber gives each word with its box (PDFium, through pypdfium2, stands in for a page whose
text pdfminer cannot decode, such as a font with a custom encoding). Words are grouped into lines by vertical overlap (so a
raised, smaller footnote mark stays on its line and becomes a canonical mark, ``[^18]``), a
wide horizontal gap becomes a tab (a table cell boundary), a vertical gap wider than half a line
becomes a blank line (a paragraph boundary), and lines repeated at the top or bottom of many
pages (running headers, footers, page numbers) are dropped.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sufficiency.published.errors import ReportParseError
from sufficiency.published.text import mark


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class _PdfLine:
    words: list[_Word]
    top: float
    bottom: float

    def overlap(self, word: _Word) -> float:
        return min(self.bottom, word.bottom) - max(self.top, word.top)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)


def pdf_text(data: bytes, source: str = "<pdf>") -> str:
    """The text of a PDF report; ``ReportParseError`` when it cannot be read or has no text."""
    import pdfplumber

    pages: list[list[str]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages):
                words = [
                    _word(w)
                    for w in page.extract_words(
                        x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"]
                    )
                ]
                if _undecoded(words):
                    words = _pdfium_words(data, number)
                pages.append(_page_lines(words))
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged or locked file
        reason = str(exc) or exc.__class__.__name__
        raise ReportParseError(
            f"{source} is not a readable PDF ({reason})", source=source
        ) from None
    if not any(line.strip() for lines in pages for line in lines):
        raise ReportParseError(
            f"{source} is a PDF without a text layer (a scan?): there is no text to read",
            source=source,
        )
    return "\n\n".join("\n".join(lines) for lines in _drop_page_furniture(pages)) + "\n"


def _word(raw: dict[str, Any]) -> _Word:
    return _Word(
        str(raw["text"]),
        float(raw["x0"]),
        float(raw["x1"]),
        float(raw["top"]),
        float(raw["bottom"]),
        float(raw.get("size") or (raw["bottom"] - raw["top"])),
    )


def _undecoded(words: list[_Word]) -> bool:
    """Whether pdfminer failed on a page: no words, or mostly glyph ids like ``(cid:42)``."""
    return not words or sum("(cid:" in w.text for w in words) > len(words) // 20


def _pdfium_words(data: bytes, page_number: int) -> list[_Word]:
    """A page's words as PDFium reads them, with the boxes pdfplumber would give."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[page_number]
        height = page.get_height()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        words: list[_Word] = []
        chars: list[tuple[str, float, float, float, float, float]] = []

        def flush() -> None:
            if chars:
                words.append(
                    _Word(
                        "".join(c[0] for c in chars),
                        min(c[1] for c in chars),
                        max(c[2] for c in chars),
                        min(c[3] for c in chars),
                        max(c[4] for c in chars),
                        statistics.median(c[5] for c in chars),
                    )
                )
                chars.clear()

        for i, ch in enumerate(text[: textpage.count_chars()]):
            if ch.isspace():
                flush()
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, i))
            box = (ch, left, right, height - top, height - bottom, size)
            if chars and (
                left - chars[-1][2] > 0.15 * size  # a gap: a new word
                or abs(box[4] - chars[-1][4]) > 0.3 * size  # another baseline: a mark
            ):
                flush()
            chars.append(box)
        flush()
        return words
    finally:
        document.close()


def _page_lines(words: list[_Word]) -> list[str]:
    lines: list[_PdfLine] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        for line in reversed(lines[-3:]):
            line_height = line.bottom - line.top
            if line.overlap(word) >= 0.5 * min(word.height, line_height):
                line.words.append(word)
                line.top, line.bottom = min(line.top, word.top), max(line.bottom, word.bottom)
                break
        else:
            lines.append(_PdfLine([word], word.top, word.bottom))
    lines.sort(key=lambda line: line.top)
    out: list[str] = []
    previous: _PdfLine | None = None
    for line in lines:
        if previous is not None and line.top - previous.bottom > 0.5 * line.size:
            out.append("")
        out.append(_line_text(line))
        previous = line
    return out


def _line_text(line: _PdfLine) -> str:
    size = line.size
    baseline = statistics.median(w.bottom for w in line.words)
    parts: list[str] = []
    previous: _Word | None = None
    after_mark = False
    for word in sorted(line.words, key=lambda w: w.x0):
        raised = word.size <= 0.8 * size and word.bottom < baseline - 0.15 * size
        if raised and re.fullmatch(r"\d{1,3}", word.text):
            parts.append(mark(word.text))  # a superscript footnote mark, glued to its word
            previous, after_mark = word, True
            continue
        if previous is not None:
            gap = word.x0 - previous.x1
            if gap > max(size, 6.0):
                parts.append("\t")  # a table cell boundary
            elif after_mark or gap >= 0.1 * size:
                parts.append(" ")
        parts.append(word.text)
        previous, after_mark = word, False
    return "".join(parts).strip()


def _drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers and footers: lines at a page's edge repeated on many pages."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    def edges(lines: list[str]) -> list[str]:
        text = [line for line in lines if line.strip()]
        return text[:2] + text[-2:]

    counts = Counter(k for lines in pages for k in {key(line) for line in edges(lines)})
    threshold = max(3, int(0.4 * len(pages)))
    furniture = {k for k, n in counts.items() if n >= threshold and k}
    out = []
    for lines in pages:
        at_edge = {key(line) for line in edges(lines)}
        out.append(
            [line for line in lines if not (key(line) in furniture and key(line) in at_edge)]
        )
    return out
