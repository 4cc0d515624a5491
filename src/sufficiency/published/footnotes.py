"""Footnotes: their texts by number, and what they say about the figures.

A footnote is a line that starts with its mark (``[^17] …``, as cleaning spells every mark) or,
in a list conversion left, with plain digits ("- 8 Ministry of Justice…"); lines that run on
belong to it. Footnotes say which key questions are calculated over the relevant sub-sample, and
why a ratings panel departed from a calculated rating.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sufficiency.framework import PublishedReports, Standard
from sufficiency.published.document import (
    ANY_ID,
    HEADING_ANNEX,
    KQ_ID,
    PERCENT,
    STD_ID,
    WORD,
    Line,
)
from sufficiency.published.text import normalise_space, split_marks

MARK_DEFINITION = re.compile(r"^[\s\-–•*]*\[\^(\d{1,3})\]\s*(?P<text>\S.*)$")
PLAIN_DEFINITION = re.compile(r"^[\s\-–•*]*(\d{1,3})[ \t]+(?P<text>[A-Z\"'(\[].{18,})$")
PANEL = re.compile(r"\bpanel\b", re.IGNORECASE)
PANEL_REASON = re.compile(r"calculat|borderline|adjust|rating|score", re.IGNORECASE)
RATING_CHANGE = re.compile(
    r"calculated|borderline|adjusted|moderated|raised|lowered|uplift|"
    r"professional\s{1,9}(?:discussion|judgement)",
    re.IGNORECASE,
)
STANDARD_NAMED = re.compile(r"\bstandard\s{1,9}(?P<id>[1-9]\.\d{1,2})\b", re.IGNORECASE)
SUBSAMPLE = re.compile(r"sub-?\s?sample", re.IGNORECASE)


@dataclass(frozen=True)
class Footnotes:
    texts: dict[int, str]  # footnote number → text
    lines: frozenset[int]  # indexes of the lines that hold them

    def text(self, number: int) -> str:
        return self.texts.get(number, "")


def read_footnotes(lines: Sequence[Line]) -> Footnotes:
    """Footnote texts by number (a marked definition wins over a plain-digit one)."""
    found: dict[int, str] = {}
    plain: dict[int, str] = {}
    held: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        number, text = definition(line)
        if number is None:
            i += 1
            continue
        held.add(i)
        j = i + 1
        while j < len(lines) and _continues(lines[j]):
            text += " " + lines[j].text
            held.add(j)
            j += 1
        target = found if MARK_DEFINITION.match(line.raw) else plain
        target.setdefault(number, normalise_space(text))
        i = j
    for number, text in plain.items():
        found.setdefault(number, text)
    return Footnotes(found, frozenset(held))


def definition(line: Line) -> tuple[int | None, str]:
    """The number and text of a footnote a line starts, or (None, "")."""
    m = MARK_DEFINITION.match(line.raw)
    if m:
        rest_plain = split_marks(m.group("text"))[0].strip()
        is_row = KQ_ID.match(rest_plain) or STD_ID.match(rest_plain)
        if not is_row and not PERCENT.match(rest_plain) and len(WORD.findall(rest_plain)) >= 2:
            return int(m.group(1)), rest_plain
        return None, ""
    m = PLAIN_DEFINITION.match(line.text)
    if m and not line.marks:
        rest = m.group("text")
        if WORD.findall(rest) and (len(rest) > 40 or "." in rest):
            return int(m.group(1)), rest
    return None, ""


def _continues(line: Line) -> bool:
    if line.blank or definition(line)[0] is not None:
        return False
    if KQ_ID.match(line.text) or STD_ID.match(line.text) or HEADING_ANNEX.match(line.text):
        return False
    return not line.text.startswith(("-", "•", "*"))


def explains_panel(text: str) -> bool:
    return bool(PANEL.search(text)) and bool(PANEL_REASON.search(text))


def explains_rating_change(text: str) -> bool:
    return explains_panel(text) or bool(RATING_CHANGE.search(text))


def names_standard(text: str, standard: Standard) -> bool:
    lowered = normalise_space(text).casefold()
    return standard.name.casefold() in lowered or any(
        m.group("id") == standard.id for m in STANDARD_NAMED.finditer(lowered)
    )


def is_subsample_note(text: str, words: PublishedReports) -> bool:
    """A note that names key questions taken over a sub-sample, in the framework's words for the
    relevant one (``published_reports.relevant_subsample``)."""
    return bool(SUBSAMPLE.search(text) and ANY_ID.search(text)) and words.says_relevant_subsample(
        text
    )
