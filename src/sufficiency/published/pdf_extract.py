"""A report PDF → text shaped like the converted reports the parser reads, within limits.

Run as a script (``python -I pdf_extract.py LIMITS``, PDF on standard input, JSON on standard
output) it is the process ``pdf.pdf_text`` reads an uploaded PDF in: it first limits its own
memory and processor time (``resource``), so a hostile file costs a refusal, not the machine.
It imports nothing of Sufficiency, only the standard library and pypdfium2, so it starts fast.

PDFium (through pypdfium2) gives each run of text the PDF draws (a text object) with its box.
Runs are grouped into lines by vertical overlap (so a raised, smaller footnote mark stays on its
line and becomes a canonical mark, ``[^18]``), a wide horizontal gap becomes a tab (a table cell
boundary), a vertical gap wider than half a line becomes a blank line (a paragraph boundary), and
lines repeated at the top or bottom of many pages (running headers, footers, page numbers) are
dropped, except the running title, which cleaning reads the provider's full name from.
"""

from __future__ import annotations

import ctypes
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MARK_DIGITS = re.compile(r"\d{1,3}")
DIGITS = re.compile(r"\d+")
RUNNING_TITLE = re.compile(r"^\W{0,9}(?:an\s)?inspection\sof\sprobation\sservices", re.IGNORECASE)
BUFFER_CHARS = 1 << 16
LINE_END_HYPHEN = "\x02"  # PDFium's spelling of a hyphen that ends a line (by rectangle;
# U+FFFE in the page's whole text)


@dataclass(frozen=True)
class Limits:
    """What one PDF may cost before it is refused as too large or too complex."""

    pages: int = 400
    characters: int = 2_000_000
    seconds: float = 30.0  # wall clock, enforced by the caller
    cpu_seconds: int = 20
    memory_bytes: int = 1 << 30

    def as_json(self) -> str:
        return json.dumps(self.__dict__)


LIMITS = Limits()  # for every upload: a report is a few dozen pages, 100,000 characters or so


class TooComplex(Exception):
    """The PDF went past a limit; ``limit`` names it."""

    def __init__(self, limit: str, detail: str) -> None:
        self.limit = limit
        self.detail = detail
        super().__init__(detail)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    space_before: bool = False  # the run starts with a space (drawn, or PDFium's own)
    space_after: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class _Line:
    words: list[Word]
    top: float
    bottom: float

    def overlap(self, word: Word) -> float:
        return min(self.bottom, word.bottom) - max(self.top, word.top)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)


def extract(data: bytes, limits: Limits = LIMITS) -> str:
    """The text of a PDF, page by page; raises ``TooComplex`` past the page or character limit
    (and whatever PDFium raises for a file it cannot open)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        if len(document) > limits.pages:
            raise TooComplex("pages", f"it has {len(document):,} pages (at most {limits.pages:,})")
        pages: list[list[str]] = []
        characters = 0
        for number in range(len(document)):
            page = document[number]
            try:
                words, count = _page_words(page)
            finally:
                page.close()
            characters += count
            if characters > limits.characters:
                raise TooComplex(
                    "characters",
                    f"its text runs past {limits.characters:,} characters by page {number + 1}",
                )
            pages.append(_page_lines(words))
    finally:
        document.close()
    return "\n\n".join("\n".join(lines) for lines in _drop_page_furniture(pages)) + "\n"


def _page_words(page: object) -> tuple[list[Word], int]:
    """A page's runs of text with their boxes (top-down coordinates), and its character count.

    PDFium gives a rectangle for each run (the characters of one text object, in reading order);
    the character at its left edge is where the run starts in the page's text, and the run is
    the text from there to the next run's start. Its top, bottom and size are that character's
    loose box: the font's height, not the glyphs' (a "5" is shorter than "Good", a superscript
    "5" smaller and higher). Where the starts cannot be found in order, each run's text is asked
    of PDFium by its rectangle instead (slower).
    """
    import pypdfium2.raw as pdfium_c

    height = page.get_height()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return [], 0
        everything = _text(pdfium_c.FPDFText_GetText, raw, count)
        left, top, right, bottom = (ctypes.c_double() for _ in range(4))
        box = pdfium_c.FS_RECTF()

        def starts_here(index: int) -> bool:
            """Whether a character is in the current rectangle (its loose box left in ``box``)."""
            return bool(
                0 <= index < count
                and pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
                and left.value - 1 <= box.left <= right.value + 1
                and bottom.value - 1 <= (box.top + box.bottom) / 2 <= top.value + 1
            )

        runs: list[tuple[float, float, float, float, int, tuple[float, float] | None]] = []
        previous = -1
        for i in range(pdfium_c.FPDFText_CountRects(raw, 0, -1)):
            pdfium_c.FPDFText_GetRect(raw, i, left, top, right, bottom)
            # most runs are a line: the first character after the next line break (cheap to
            # check); otherwise PDFium's character at the rectangle's left edge (it searches)
            if previous < 0:
                after_break = 0
            else:
                line_break = everything.find("\r\n", previous)
                after_break = line_break + 2 if line_break >= 0 else -1
            if after_break >= 0 and starts_here(after_break):
                first = after_break
            else:
                x = left.value + min(1.0, (right.value - left.value) / 4)
                y = (top.value + bottom.value) / 2
                first = pdfium_c.FPDFText_GetCharIndexAtPos(raw, x, y, 0.5, 0.5)
                if first < 0:  # a narrow glyph, or a raised one (a footnote mark)
                    first = pdfium_c.FPDFText_GetCharIndexAtPos(raw, x, top.value - 2, 3.0, 2.5)
                while 0 <= first < count - 1 and everything[first] in "\r\n":
                    first += 1  # a line break PDFium put between runs, not the run's own
                if not starts_here(first):
                    box.top = box.bottom = 0.0
            if first <= previous:
                return _page_words_by_rectangle(raw, height, everything), count
            previous = first
            loose = (box.top, box.bottom) if box.top > box.bottom else None
            runs.append((left.value, top.value, right.value, bottom.value, first, loose))
        words = []
        for n, (x0, upper, x1, lower, first, loose) in enumerate(runs):
            end = runs[n + 1][4] if n + 1 < len(runs) else len(everything)
            word = _word(everything[first:end], x0, x1, upper, lower, height)
            if word is None:
                continue
            if loose is not None:
                word.top, word.bottom, word.size = (
                    height - loose[0],
                    height - loose[1],
                    loose[0] - loose[1],
                )
            words.append(word)
        return words, count
    finally:
        textpage.close()


def _word(
    text: str, x0: float, x1: float, upper: float, lower: float, page_height: float
) -> Word | None:
    """A run of text, tidied, with its box; None when it holds nothing but spaces."""
    text = text.replace(LINE_END_HYPHEN, "-").replace("\ufffe", "-").replace("\x00", "")
    tidy = " ".join(text.split())
    if not tidy:
        return None
    trailing = text[len(text.rstrip()) :]
    return Word(
        tidy,
        x0,
        x1,
        page_height - upper,
        page_height - lower,
        upper - lower,
        space_before=text[:1].isspace(),
        space_after=" " in trailing or "\t" in trailing,
    )


def _page_words_by_rectangle(raw: object, height: float, everything: str) -> list[Word]:
    """``_page_words`` asking PDFium for each run's text by its rectangle."""
    import pypdfium2.raw as pdfium_c

    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    box = pdfium_c.FS_RECTF()
    buffer = ctypes.create_string_buffer(2 * BUFFER_CHARS)
    pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    words = []
    at = 0  # where in the page's characters the next run starts, at the earliest
    for i in range(pdfium_c.FPDFText_CountRects(raw, 0, -1)):
        pdfium_c.FPDFText_GetRect(raw, i, left, top, right, bottom)
        n = pdfium_c.FPDFText_GetBoundedText(
            raw, left.value, top.value, right.value, bottom.value, pointer, BUFFER_CHARS
        )
        text = buffer.raw[: 2 * max(n, 0)].decode("utf-16-le", errors="replace")
        word = _word(text, left.value, right.value, top.value, bottom.value, height)
        if word is None:
            continue
        token = word.text.split(" ", 1)[0][:12]
        first = everything.find(token, at)
        for _ in range(8):  # the run's first character: the token inside the run's box
            if first < 0 or (
                pdfium_c.FPDFText_GetLooseCharBox(raw, first, box)
                and left.value - 1 <= box.left <= right.value + 1
                and bottom.value - 1 <= (box.top + box.bottom) / 2 <= top.value + 1
            ):
                break
            first = everything.find(token, first + 1)
        else:
            first = -1
        if first >= 0:
            at = first + len(token)
            word.top, word.bottom, word.size = (
                height - box.top,
                height - box.bottom,
                box.top - box.bottom,
            )
        words.append(word)
    return words


def _text(get_text: object, raw: object, count: int) -> str:
    """All a page's characters, one for each of PDFium's character indexes."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    n = get_text(raw, 0, count, pointer)  # type: ignore[operator]
    return buffer.raw[: 2 * max(n - 1, 0)].decode("utf-16-le", errors="replace")


def _page_lines(words: list[Word]) -> list[str]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        for line in reversed(lines[-3:]):
            line_height = line.bottom - line.top
            if line.overlap(word) >= 0.5 * min(word.height, line_height):
                line.words.append(word)
                line.top, line.bottom = min(line.top, word.top), max(line.bottom, word.bottom)
                break
        else:
            lines.append(_Line([word], word.top, word.bottom))
    lines.sort(key=lambda line: line.top)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and line.top - previous.bottom > 0.5 * line.size:
            out.append("")
        out.append(_line_text(line))
        previous = line
    return out


def _line_text(line: _Line) -> str:
    size = line.size
    baseline = statistics.median(w.bottom for w in line.words)
    parts: list[str] = []
    previous: Word | None = None
    after_mark = False
    for word in sorted(line.words, key=lambda w: w.x0):
        raised = word.size <= 0.8 * size and word.bottom < baseline - 0.15 * size
        if raised and MARK_DIGITS.fullmatch(word.text):
            parts.append(f"[^{int(word.text)}]")  # text.mark's spelling, glued to its word
            previous, after_mark = word, True
            continue
        if previous is not None:
            gap = word.x0 - previous.x1
            if gap > max(size, 6.0):
                parts.append("\t")  # a table cell boundary
            elif after_mark or previous.space_after or word.space_before or gap >= 0.25 * size:
                parts.append(" ")
        parts.append(word.text)
        previous, after_mark = word, False
    return "".join(parts).strip()


def _drop_page_furniture(pages: Sequence[list[str]]) -> list[list[str]]:
    """Drop running headers and footers: lines at a page's edge repeated on many pages."""

    def key(line: str) -> str:
        return DIGITS.sub("#", line.strip())

    def edges(lines: list[str]) -> list[str]:
        text = [line for line in lines if line.strip()]
        return text[:2] + text[-2:]

    counts = Counter(k for lines in pages for k in {key(line) for line in edges(lines)})
    threshold = max(3, int(0.4 * len(pages)))
    furniture = {
        k for k, n in counts.items() if n >= threshold and k and not RUNNING_TITLE.match(k)
    }
    out = []
    for lines in pages:
        at_edge = {key(line) for line in edges(lines)}
        out.append(
            [line for line in lines if not (key(line) in furniture and key(line) in at_edge)]
        )
    return out


def _limit_this_process(limits: Limits) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no file
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: Sequence[str]) -> int:
    """Read a PDF from standard input within the limits given as JSON; write JSON: ``text``,
    or ``error`` ("too-complex" with ``limit``, or "unreadable") and ``detail``."""
    limits = Limits(**json.loads(argv[1])) if len(argv) > 1 else LIMITS
    _limit_this_process(limits)
    data = sys.stdin.buffer.read()
    try:
        result = {"text": extract(data, limits)}
    except TooComplex as exc:
        result = {"error": "too-complex", "limit": exc.limit, "detail": exc.detail}
    except MemoryError:
        result = {"error": "too-complex", "limit": "memory", "detail": "it needs too much memory"}
    except Exception as exc:  # PDFium raises its own errors for a damaged or locked file
        result = {"error": "unreadable", "detail": str(exc) or exc.__class__.__name__}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
