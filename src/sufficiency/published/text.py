"""Report text as conversion leaves it → plain lines the parser can read.

What PDF and HTML/markdown conversion does to a report, and what ``clean`` does about it:

- HTML tags (``<b>``, ``<i>``, ``<ul …>``, table cells) are removed; cells become tabs, rows and
  block elements become lines; entities are decoded.
- Markdown headings, emphasis, links, rules and pipe tables are unwrapped (a table row becomes one
  line of tab-separated cells).
- Footnote marks in any spelling (``¹⁸``, ``$^{^{17}}$``, ``<sup>17</sup>``, ``[^17]``) become one
  canonical mark ``[^17]``; ``split_marks`` takes them off a line and returns them.
- Runs of spaces and tabs are tidied (any run holding a tab, or three or more spaces, is one tab:
  a cell boundary); typographic quotes, ligatures, Unicode hyphens, non-breaking and zero-width
  spaces are plain.
- The contents page, which repeats every heading with a page number, is dropped, and so is page
  furniture: bare page numbers and running headers repeated through the document.

The other helpers here are lexical: rating words in any damaged spelling, word similarity,
split-word repair, numbers written as words, month names.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from sufficiency.framework import Rating

# --- footnote marks -------------------------------------------------------------------------

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TO_DIGIT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
_SUPERSCRIPT_RUN = re.compile(f"[{_SUPERSCRIPT_DIGITS}]+")
_LATEX_MARK = re.compile(
    r"\$\s{0,3}\^\s{0,3}\{?\s{0,3}(?:\^\s{0,3})?\{?\s{0,3}(\d{1,3})\s{0,3}\}?\s{0,3}\}?\s{0,3}\$"
)
_HTML_SUP = re.compile(
    r"<sup[^<>]{0,200}>\s{0,9}(?:\[\^?)?(\d{1,3})\]?\s{0,9}</sup>", re.IGNORECASE
)
MARK_RE = re.compile(r"\[\^(\d{1,3})\]")


def mark(number: int | str) -> str:
    """The canonical footnote mark."""
    return f"[^{int(number)}]"


def split_marks(line: str) -> tuple[str, tuple[int, ...]]:
    """A line without its canonical footnote marks, and the marks in order."""
    marks = tuple(int(m) for m in MARK_RE.findall(line))
    if not marks:
        return line, ()
    return MARK_RE.sub("", line), marks


# --- cleaning -------------------------------------------------------------------------------

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u200a": " ",
    "\u3000": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\f": "\n",
    "\v": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
}
_REPLACE_RE = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")


def _plain_characters(text: str) -> str:
    """Typographic quotes, odd spaces, ligatures and line separators → plain ASCII forms."""
    return _REPLACE_RE.sub(lambda m: _REPLACEMENTS[m.group(0)], text)


_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_CELL = re.compile(r"</?t[dh]\b[^<>]*>", re.IGNORECASE)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|tr|li|ul|ol|h[1-6]|table|thead|tbody|tfoot|section|article|header|footer|"
    r"blockquote|dl|dt|dd|caption|figure|figcaption|body|html|head|title)\b[^<>]*>",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_MD_LINK = re.compile(r"!?\[([^\[\]^]*)\]\(([^()\s]*)\)")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$", re.MULTILINE)
_MD_TABLE_SEPARATOR = re.compile(
    r"^[ \t]{0,9}\|?[ \t]{0,9}:?-{2,}:?[ \t]{0,9}(?:\|[ \t]{0,9}:?-{2,}:?[ \t]{0,9})*\|?[ \t]{0,9}$"
)
_MD_CELL_BOUNDARY = re.compile(r"(?<!\\)\|")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_CELL_GAP = re.compile(r"[ ]*\t[ \t]*| {3,}")
_SPACES = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_CONTENTS_HEADING = re.compile(r"^\W*(?:table of )?contents\W*$", re.IGNORECASE)
# a page number at the end of a contents entry (of at most 90 characters, as the caller checks)
_CONTENTS_ENTRY = re.compile(r"^.{0,90}?(?:\.\.|…|\s)\s{0,90}\d{1,3}\s{0,90}$")
_PAGE_NUMBER = re.compile(
    r"^[^\w%]*(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?[^\w%]*$", re.IGNORECASE
)
_RUNNING_HEADER = re.compile(r"^inspection of probation services\s*:", re.IGNORECASE)
_HAS_ID = re.compile(r"\b[1-9]\.\d{1,2}\b")


@dataclass(frozen=True)
class CleanText:
    """Cleaned report text, and what cleaning took out that a reader may still want."""

    text: str
    contents: tuple[str, ...]  # the contents page's entries, as listed
    furniture: tuple[str, ...]  # running headers and footers


def clean(text: str) -> str:
    """Conversion-damaged report text → tidy lines (see the module docstring)."""
    return clean_report(text).text


def clean_report(text: str) -> CleanText:
    """``clean``, keeping the contents entries and the page furniture it drops."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _plain_characters(text)
    text = _unwrap_html(text)
    text = _canonical_marks(text)
    text = _unwrap_markdown(text)
    lines = [_tidy_line(line) for line in text.split("\n")]
    lines, contents = _drop_contents(lines)
    lines, furniture = _drop_furniture(lines)
    return CleanText("\n".join(lines).strip("\n") + "\n", tuple(contents), tuple(furniture))


def _unwrap_html(text: str) -> str:
    if "<" not in text and "&" not in text:
        return text
    text = _without_comments(text)
    text = _HTML_SUP.sub(lambda m: mark(m.group(1)), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_CELL.sub("\t", text)
    text = _HTML_BLOCK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return _plain_characters(html.unescape(text))


def _without_comments(text: str) -> str:
    """HTML comments removed (by searching, not by a pattern: an unclosed one costs nothing)."""
    out: list[str] = []
    i = 0
    while (start := text.find("<!--", i)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        out.append(text[i:start])
        i = end + 3
    out.append(text[i:])
    return "".join(out)


def _canonical_marks(text: str) -> str:
    text = _LATEX_MARK.sub(lambda m: mark(m.group(1)), text)
    return _SUPERSCRIPT_RUN.sub(lambda m: mark(m.group(0).translate(_SUPERSCRIPT_TO_DIGIT)), text)


def _unwrap_markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            if _MD_TABLE_SEPARATOR.match(stripped):
                continue
            cells = _MD_CELL_BOUNDARY.split(stripped.strip("|"))
            line = "\t".join(cell.strip() for cell in cells)
        elif _MD_RULE.match(line):
            continue
        out.append(line)
    text = "\n".join(out)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPHASIS.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


def _tidy_line(line: str) -> str:
    line = _CONTROL.sub("", line)
    line = _CELL_GAP.sub("\t", line.strip(" \t"))
    return _SPACES.sub(" ", line)


def _contents_like(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) > 90:
        return False
    if _CONTENTS_ENTRY.search(stripped) or "\t" in line:
        return True
    return len(stripped) <= 60 and (
        not stripped.endswith((".", "!", "?", ";")) or len(stripped.split()) < 4
    )


def _drop_contents(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop each contents page: the heading and the run of short entries that follows it.

    Returns the lines kept and the entries dropped."""
    out: list[str] = []
    dropped: list[str] = []
    i = 0
    while i < len(lines):
        if _CONTENTS_HEADING.match(lines[i]):
            j, entries = i + 1, 0
            while j < len(lines) and (not lines[j].strip() or _contents_like(lines[j])):
                entries += bool(lines[j].strip())
                j += 1
            if entries >= 3:
                dropped += [line for line in lines[i + 1 : j] if line.strip()]
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out, dropped


def _drop_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop bare page numbers and running headers or footers repeated through the document.

    Returns the lines kept and the headers and footers dropped (not the page numbers)."""
    counts = Counter(line for line in lines if line)
    out = []
    dropped = []
    for n, line in enumerate(lines):
        if line and _PAGE_NUMBER.match(line):
            continue
        if line and (
            (n > 40 and _RUNNING_HEADER.match(line))
            or (
                counts[line] >= 3
                and len(line) >= 25
                and "%" not in line
                and not _HAS_ID.search(line)
                and not find_ratings(line)
            )
        ):
            dropped.append(line)
            continue
        out.append(line)
    return out, dropped


# --- rating words ---------------------------------------------------------------------------

_RATING_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?P<o>out[ \t]?standing)"
    r"|(?P<g>good)"
    r"|(?P<r>requires?[ \t]+(?:[a-z]{1,3}[ \t]+){0,2}?improvements?)"
    r"|(?P<i>in[ \t]?adequate)"
    r")(?P<mark>\d{1,3})?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_RATING_OF_GROUP = {
    "o": Rating.OUTSTANDING,
    "g": Rating.GOOD,
    "r": Rating.REQUIRES_IMPROVEMENT,
    "i": Rating.INADEQUATE,
}


@dataclass(frozen=True)
class RatingMatch:
    """A rating phrase found in a line: the rating, where it is, and a mark glued to it."""

    rating: Rating
    start: int
    end: int
    mark: int | None  # digits glued to the word, as PDF text gives a superscript ("Good18")


def find_ratings(text: str) -> list[RatingMatch]:
    """Every rating phrase in a (mark-free) line, in any case or damaged spelling."""
    found = []
    for m in _RATING_RE.finditer(text):
        group = next(g for g in "ogri" if m.group(g))
        found.append(
            RatingMatch(
                _RATING_OF_GROUP[group],
                m.start(),
                m.end(),
                int(m.group("mark")) if m.group("mark") else None,
            )
        )
    return found


# --- words ----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-case word tokens, punctuation dropped."""
    return _WORD.findall(text.casefold())


def similarity(a: str | list[str], b: str | list[str]) -> float:
    """How alike two texts are word by word: 1.0 for the same words in the same order."""
    wa = words(a) if isinstance(a, str) else a
    wb = words(b) if isinstance(b, str) else b
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def vocabulary(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in words(text)}


def repair_split_words(text: str, known: Collection[str]) -> str:
    """Mend words that conversion split across table cells, given the words known to be right.

    "Assess ssessment ment is" → "Assessment is"; "Planning ng is" → "Planning is";
    "assess ment" → "assessment". A piece is merged or dropped only when it is not a known word
    itself and the merge gives a known word.
    """
    out: list[str] = []
    for token in text.split():
        if out:
            prev = out[-1]
            p_core, t_core = _core(prev).casefold(), _core(token).casefold()
            if t_core and t_core not in known and t_core.isalpha():
                if len(t_core) >= 2 and p_core.endswith(t_core) and p_core != t_core:
                    out[-1] = prev + _tail_punctuation(token)  # a repeated ending: drop it
                    continue
                merged = next((m for m in _overlap_merges(p_core, t_core) if m in known), None)
                if merged is not None:
                    stem = prev[: len(prev) - len(_tail_punctuation(prev))]
                    out[-1] = stem + merged[len(p_core) :] + _tail_punctuation(token)
                    continue
        out.append(token)
    return " ".join(out)


def _core(token: str) -> str:
    return token.strip(".,;:!?'\"()[]")


def _tail_punctuation(token: str) -> str:
    return token[len(token.rstrip(".,;:!?'\")]")) :]


def _overlap_merges(left: str, right: str) -> Iterator[str]:
    """``left`` and ``right`` joined, sharing an overlap: the longest overlap first."""
    if left.isalpha() and right.isalpha():
        for k in range(min(len(left), len(right)) - 1, -1, -1):
            if left.endswith(right[:k]):
                yield left + right[k:]


# --- numbers and dates ----------------------------------------------------------------------

_UNITS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * n
    for n, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_TENS_UNITS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
NUMBER_WORD = (
    rf"(?:(?:one|two|three|four|five|six|seven|eight|nine)[ -]hundred"
    rf"(?:[ -](?:and[ -])?{_TENS_UNITS})?|{_TENS_UNITS})"
)


_NUMBER_WORD_BREAK = re.compile(r"[\s-]+")


def parse_number(text: str) -> int | None:
    """An integer written in digits or in English words up to 999 ("twenty-eight" → 28)."""
    text = text.strip().casefold().replace(",", "")
    if text.isdigit():
        return int(text)
    total, seen = 0, False
    for word in _NUMBER_WORD_BREAK.split(text):
        if word == "and":
            continue
        if word in _UNITS:
            total += _UNITS[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred" and seen:
            total *= 100
        else:
            return None
        seen = True
    return total if seen else None


MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
