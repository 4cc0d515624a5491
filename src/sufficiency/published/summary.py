"""The summary of ratings: where it is, the overall rating, and the standards' rows.

The summary runs from "Overall rating" (or "Summary of ratings") to "Recommendations". Each
standard has a row there (id, name, rating) and a heading again in its chapter of the report;
both are read here as *mentions*, a standard's id with the rating beside it, since conversion
lays the two out alike (see ``mentions``).

The overall rating is the summary's; where the summary lost it, the overall findings' sentence
stands in ("Overall, <provider> is rated as: Good"), but only a sentence about the provider:
"Its leadership was rated good" is a standard's rating, never the overall one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sufficiency.framework import Framework, Rating
from sufficiency.published.document import (
    DOMAIN_HEADING,
    KQ_ID,
    OVERALL_OR_RECOMMENDATIONS,
    RECOMMENDATIONS_HEADING,
    STD_ID,
    WORD,
    Document,
    Line,
    Read,
)
from sufficiency.published.text import RatingMatch, find_ratings, normalise_space, similarity
from sufficiency.published.title_page import ORGANISATION, name_key

SUMMARY_HEADING = re.compile(r"^\W*(?:overall\s+rating|summary\s+of\s+ratings)\b", re.IGNORECASE)
OVERALL_RATING = re.compile(r"^\W*overall\s+rating\b\W*(.*)$", re.IGNORECASE)
DOMAIN_NUMBER = re.compile(r"^\W*[1-9]\.")
# "Overall, <subject> is rated as: Good": the subject must be the provider (checked in code)
RATED_AS = re.compile(
    r"\bOverall,\s{1,9}(?P<subject>[^.;]{3,150}?)\s{1,9}(?:is|has\s{1,9}been|was)\s{1,9}"
    r"(?:overall\s{1,9})?rated\s{0,9}(?:as\b)?\s{0,9}:?\s{0,9}(?P<rating>.{0,40})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A standard's id with a rating next to it, somewhere in the report."""

    id: str
    rating: Rating | None
    marks: tuple[int, ...]
    name: str  # the words after the id, before the rating (damaged as found)
    region: str  # "summary", "body" or "annex"


def summary_range(lines: Sequence[Line], annex_start: int) -> tuple[int, int]:
    """The summary of ratings: from 'Overall rating' to 'Recommendations', or (-1, -1)."""
    for line in lines[:annex_start]:
        if SUMMARY_HEADING.match(line.text):
            for later in lines[line.index + 1 : annex_start]:
                if RECOMMENDATIONS_HEADING.match(later.text):
                    return line.index, later.index
            return line.index, min(line.index + 80, annex_start)
    return -1, -1


def overall_rating(doc: Document, provider: str | None) -> Read[Rating | None]:
    summary: Rating | None = None
    for line in doc.lines[: doc.annex[0]]:
        m = OVERALL_RATING.match(line.text)
        if not m:
            continue
        summary = short_rating(m.group(1))
        for later in doc.nonblank_after(line.index, 2):
            if summary is not None or DOMAIN_NUMBER.match(later.text):
                break  # a standard's row or a domain's heading: the rating is not here
            summary = short_rating(later.text)
        if summary is not None:
            break
    stated = _stated_overall(doc.joined(0, 400), provider)
    findings: tuple[str, ...] = ()
    if summary and stated and summary != stated:
        findings = (
            f"the summary of ratings gives the overall rating {summary}, the overall "
            f"findings say {stated}",
        )
    return Read(summary or stated, findings)


def _stated_overall(text: str, provider: str | None) -> Rating | None:
    """The rating the overall findings give the provider, read from its own sentence."""
    for m in RATED_AS.finditer(text):
        subject = m.group("subject")
        about_provider = ORGANISATION.search(subject) or (
            provider is not None and name_key(subject) == name_key(provider)
        )
        if about_provider:
            return leading_rating(m.group("rating"))
    return None


def mentions(doc: Document, framework: Framework) -> list[Mention]:
    """Standard ids with a rating beside them, in the summary and in the standards' chapters.

    A rating is on the id's line ("1.1  Leadership  Good", "Good  1.1  Leadership"), or, where
    conversion put each cell on a line of its own, on a line just after the row or just
    before it. Which of the two is decided once per region, by which reading gives more rows
    a rating: read row by row, the rating just before a row is the previous row's.
    """
    found: list[tuple[Line, str, str, Rating | None, tuple[int, ...]]] = []
    for line in doc.lines:
        if line.index in doc.footnote_lines or doc.region(line.index) == "annex":
            continue
        m = STD_ID.match(line.text)
        lead: RatingMatch | None = None
        text = line.text
        if not m:  # a rating cell before the id: "Good  1.1  Leadership"
            lead_cell, _, rest_cells = text.partition("\t")
            lead = rating_only(lead_cell) if rest_cells else None
            m = STD_ID.match(rest_cells) if lead is not None else None
            if m is None or lead is None:
                continue
            text = rest_cells
        ident, rest = m.group("id"), text[m.end() :]
        name, rating = _rating_on_id_line(framework, ident, rest)
        marks = line.marks
        if lead is not None:
            rating = rating or lead.rating
            marks += (lead.mark,) if lead.mark else ()
        elif rating is not None and (glued := _glued_mark(rest)) is not None:
            marks += (glued,)
        found.append((line, ident, name, rating, marks))

    after: dict[int, tuple[Rating, tuple[int, ...]]] = {}
    before: dict[int, tuple[Rating, tuple[int, ...]]] = {}
    for line, _, _, rating, _ in found:
        if rating is not None:
            continue
        for later in doc.nonblank_after(line.index, 2):
            if _ends_row(doc, later):
                break
            cell = cell_rating(later.text)
            if cell is not None:
                after[line.index] = (cell.rating, later.marks + mark_of(cell))
                break
        earlier = doc.nonblank_before(line.index)
        if earlier is not None and not _ends_row(doc, earlier):
            only = rating_only(earlier.text)
            if only is not None:
                before[line.index] = (only.rating, earlier.marks + mark_of(only))
    regions = {doc.region(line.index) for line, *_ in found}
    ratings_before = {
        region
        for region in regions
        if sum(doc.region(i) == region for i in before)
        > sum(doc.region(i) == region for i in after)
    }

    out = []
    for line, ident, name, rating, marks in found:
        region = doc.region(line.index)
        if rating is None:
            side = before if region in ratings_before else after
            if line.index in side:
                rating, more = side[line.index]
                marks += more
        out.append(Mention(ident, rating, marks, name, region))
    return out


def _ends_row(doc: Document, line: Line) -> bool:
    """A line no standard's row runs on to or back from: another row, a heading, a note."""
    return bool(
        STD_ID.match(line.text)
        or KQ_ID.match(line.text)
        or line.index in doc.footnote_lines
        or DOMAIN_HEADING.match(line.text)
        or OVERALL_OR_RECOMMENDATIONS.match(line.text)
    )


def _rating_on_id_line(framework: Framework, ident: str, rest: str) -> tuple[str, Rating | None]:
    known = framework.standards.get(ident)
    for found in find_ratings(rest):
        before, after = rest[: found.start], rest[found.end :]
        name = before.split("\t")[0] if "\t" in before.strip() else before
        if (
            not after.strip()
            or after.startswith("\t")
            or not before.strip()
            or (known is not None and similarity(before, known.name) >= 0.8)
            or len(WORD.findall(before + " " + after)) <= 6
        ):
            return normalise_space(name), found.rating
    return normalise_space(rest.split("\t")[0] if rest.strip() else rest), None


# --- a rating in a cell ------------------------------------------------------------------------


def short_rating(text: str) -> Rating | None:
    """The rating a short line states ("Inadequate", "Requires improvement¹⁸")."""
    found = find_ratings(text)
    if found and len(WORD.findall(text)) - rating_words(found[0]) <= 6:
        return found[0].rating
    return None


def leading_rating(text: str) -> Rating | None:
    found = find_ratings(text)
    return found[0].rating if found and found[0].start <= 3 else None


def rating_words(found: RatingMatch) -> int:
    return 1 if found.rating in (Rating.GOOD, Rating.INADEQUATE, Rating.OUTSTANDING) else 2


def cell_rating(text: str) -> RatingMatch | None:
    """A rating that ends a table row, or a line that is little more than a rating."""
    found = find_ratings(text)
    if not found:
        return None
    last = found[-1]
    if not text[last.end :].strip():
        return last
    first = found[0]
    if len(WORD.findall(text)) - rating_words(first) <= 2:
        return first
    return None


def rating_only(text: str) -> RatingMatch | None:
    """The rating of a cell or line that holds nothing else ("Good", "Requires improvement18")."""
    found = find_ratings(text)
    if len(found) == 1 and len(WORD.findall(text)) == rating_words(found[0]):
        return found[0]
    return None


def mark_of(found: RatingMatch) -> tuple[int, ...]:
    return (found.mark,) if found.mark else ()


def _glued_mark(rest: str) -> int | None:
    found = find_ratings(rest)
    return found[0].mark if found else None
