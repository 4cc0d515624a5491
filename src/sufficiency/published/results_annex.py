"""The results annex: per standard a header row (id, name, statement, rating) and per key
question a row (id, text, percentage yes), in whatever order the conversion left the cells.

Key question wording is taken from the framework where the report's (damaged) wording matches
it; a row whose id was damaged is known by its wording. Footnotes say which key questions are
calculated over the relevant sub-sample.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sufficiency.framework import Framework, PublishedReports, Rating
from sufficiency.published.document import (
    ANY_ID,
    HEADING_ANNEX,
    KQ_ID,
    PERCENT,
    PERCENT_ONLY,
    STD_ID,
    WORD,
    Document,
    Line,
    Read,
    id_key,
)
from sufficiency.published.footnotes import is_subsample_note
from sufficiency.published.model import KeyQuestionFigure
from sufficiency.published.summary import Mention, cell_rating
from sufficiency.published.text import find_ratings, normalise_space, repair_split_words, similarity

RESULTS_HEADING = re.compile(r"inspection\s{1,9}results", re.IGNORECASE)
STRAY_NUMBER = re.compile(r"(?<!\w)(\d{1,3})(?!\w)")


def annex_range(lines: Sequence[Line]) -> tuple[int, int]:
    """The results annex: from its heading (or the first key question row) to the next annex."""
    start = None
    for line in lines:
        if len(line.text) <= 100 and RESULTS_HEADING.search(line.text):
            start = line.index
    if start is None:
        rows = [line.index for line in lines if KQ_ID.match(line.text)]
        if not rows:
            return len(lines), len(lines)
        start = rows[0] - 1
    for line in lines[start + 1 :]:
        if HEADING_ANNEX.match(line.text) and len(line.text) <= 100:
            return start, line.index
    return start, len(lines)


@dataclass
class _Row:
    lines: list[Line]
    header: list[Line] = field(default_factory=list)  # the lines between it and the row before
    orphan: Line | None = None  # a figure a page break left just above the row

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def marks(self) -> tuple[int, ...]:
        return tuple(m for line in self.lines for m in line.marks)

    @property
    def figureless(self) -> bool:
        return self.orphan is None and self.percent_match is None

    @property
    def percent_match(self) -> re.Match[str] | None:
        found = list(PERCENT.finditer(self.text))
        return found[-1] if found else None

    def wants(self, line: Line, after_blank: bool, percent_first: bool = False) -> bool:
        """Whether a line that follows belongs to this row (a cell the PDF put on a new line).

        ``percent_first``: the annex prints each figure just above its row, so a figure below a
        row is the next row's."""
        if len(self.lines) >= 5 or len(line.text) >= 200:
            return False
        has_question, has_percent = "?" in self.text, self.percent_match is not None
        line_percent, short = PERCENT.search(line.text) is not None, len(line.text) <= 20
        if percent_first and line_percent:
            return False
        if len(self.lines) == 1 and not WORD.search(self.text):
            return True  # the id alone: its cells are on the lines below, blank lines between
        if has_question and has_percent:
            return False
        if has_question:  # waiting for the figure
            return line_percent and (short or not after_blank)
        if has_percent:  # the question runs on below its figure
            return not after_blank and not line_percent
        return not after_blank or (line_percent and short)


@dataclass(frozen=True)
class AnnexRow:
    """A key question row of the results annex, as printed."""

    id: str
    text: str
    percent: int | None
    marks: tuple[int, ...]
    header: tuple[Line, ...]


def annex_rows(doc: Document, known_words: set[str]) -> list[AnnexRow]:
    """Key question rows of the results annex, each with its figure.

    A figure the conversion put on a line of its own belongs to the row above it, unless the
    annex prints figures above their rows. Read that way, the last row of each standard is
    left without a figure (read the other way, the first would be): the reading that leaves
    fewer rows without a figure is taken.
    """
    rows = _rows(doc, percent_first=False)
    if any(row.figureless for row in rows):
        above = _rows(doc, percent_first=True)
        if sum(r.figureless for r in above) < sum(r.figureless for r in rows):
            rows = above
    return [_annex_row(row, known_words) for row in rows]


def _rows(doc: Document, percent_first: bool) -> list[_Row]:
    rows: list[_Row] = []
    pending: list[Line] = []
    current: _Row | None = None
    after_blank = False
    for line in doc.lines[doc.annex[0] : doc.annex[1]]:
        if line.blank:
            after_blank = True
            continue
        if line.index in doc.footnote_lines:
            current = None
        elif KQ_ID.match(line.text):
            current = _Row([line], pending)
            if (
                pending
                and PERCENT_ONLY.match(pending[-1].text)
                and (percent_first or not rows or rows[-1].percent_match is not None)
            ):
                current.orphan = pending.pop()
            rows.append(current)
            pending = []
        elif (
            current is not None
            and not STD_ID.match(line.text)
            and not HEADING_ANNEX.match(line.text)
            and current.wants(line, after_blank, percent_first)
        ):
            current.lines.append(line)
        else:
            current = None
            pending.append(line)
        after_blank = False
    return rows


def _annex_row(row: _Row, known_words: set[str]) -> AnnexRow:
    text = row.text
    m = KQ_ID.match(text)
    assert m is not None
    ident, body = m.group("id"), text[m.end() :]
    percent: int | None = None
    marks = row.marks
    pm = PERCENT.search(body) and list(PERCENT.finditer(body))[-1]
    if not pm and row.orphan is not None:
        body += " " + row.orphan.text
        pm = list(PERCENT.finditer(body))[-1]
    if pm:
        value = int(pm.group(1))
        if value <= 100:
            percent = value
        body = body[: pm.start()] + " " + body[pm.end() :]
    if "?" in body:
        question, junk = body.split("?", 1)
        body = question + "?"
        marks += tuple(int(d) for d in STRAY_NUMBER.findall(junk))
    text = repair_split_words(normalise_space(body.replace("\t", " ")), known_words)
    return AnnexRow(ident, text, percent, marks, tuple(row.header))


def annex_mentions(doc: Document, rows: Sequence[AnnexRow]) -> list[Mention]:
    """Each standard's header row in the results annex, before its first key question."""
    out = []
    seen: set[str] = set()
    for row in rows:
        standard = row.id.rsplit(".", 1)[0]
        if standard in seen:
            continue
        seen.add(standard)
        rating: Rating | None = None
        marks: tuple[int, ...] = ()
        name = ""
        for line in row.header:
            if line.index in doc.footnote_lines:
                continue
            m = STD_ID.match(line.text)
            if m and not name:
                name = line.text[m.end() :]
            marks += line.marks
            found = cell_rating(line.text)
            if found is not None and rating is None:
                rating = found.rating
                marks += (found.mark,) if found.mark else ()
        if rating is None:  # a rating cell the PDF wrapped: "Requires" / "Improvement¹⁸"
            cells = [
                line.text.split("\t")[-1]
                for line in row.header
                if line.index not in doc.footnote_lines
                and ("\t" in line.text or len(WORD.findall(line.text)) <= 2)
            ]
            wrapped = find_ratings(" ".join(cells))
            if wrapped:
                rating = wrapped[-1].rating
                marks += (wrapped[-1].mark,) if wrapped[-1].mark else ()
        out.append(Mention(standard, rating, marks, normalise_space(name), "annex"))
    return out


def key_questions(
    doc: Document,
    framework: Framework,
    rows: Sequence[AnnexRow],
    standards: set[str],
    footnotes: Mapping[int, str],
) -> tuple[Read[tuple[KeyQuestionFigure, ...]], tuple[str, ...]]:
    """The key question figures (and what was noticed), and the problems: no figures at all."""
    relevant = relevant_subsample(doc, framework, rows, footnotes)
    findings = list(relevant.findings)
    figures: dict[str, KeyQuestionFigure] = {}
    printed = {row.id for row in rows}
    for row in rows:
        named = key_question_id(framework, row, printed)
        findings += named.findings
        ident, text = named.value
        if row.percent is None:
            continue
        if ident in figures:
            if figures[ident].percent_yes != row.percent:
                findings.append(
                    f"key question {ident} appears twice, with {figures[ident].percent_yes}% "
                    f"and {row.percent}%; the first is kept"
                )
            continue
        known = framework.key_questions.get(ident)
        if relevant.value is None:
            in_subsample = known.relevant_subsample_only if known else False
        else:
            in_subsample = ident in relevant.value
        figures[ident] = KeyQuestionFigure(ident, text, row.percent, in_subsample)
    problems = (
        () if figures else ("no key question figures: no results annex rows with a percentage",)
    )
    order = {qid: n for n, qid in enumerate(framework.key_questions)}
    ordered = sorted(figures.values(), key=lambda q: (order.get(q.id, len(order)), id_key(q.id)))
    kept = tuple(q for q in ordered if q.id.rsplit(".", 1)[0] in standards or q.id in order)
    return Read(kept, tuple(findings)), problems


def key_question_id(
    framework: Framework, row: AnnexRow, printed: set[str]
) -> Read[tuple[str, str]]:
    """The framework's id and wording for a row, repaired where conversion damaged it.

    A row is renumbered by its wording only to an id no other row of the report carries:
    an NPS division's own question that reads like a framework one keeps its number."""
    known = framework.key_questions.get(row.id)
    own = similarity(row.text, known.text) if known else 0.0
    if own >= 0.7 and known is not None:
        return Read((known.id, known.text))
    scored = sorted(
        (
            (similarity(row.text, q.text), q.id)
            for q in framework.key_questions.values()
            if q.id not in printed
        ),
        reverse=True,
    )
    best_score, best_id = scored[0] if scored else (0.0, "")
    if best_score >= 0.85:
        return Read(
            (best_id, framework.key_questions[best_id].text),
            (f"the row numbered {row.id} asks key question {best_id}; read as {best_id}",),
        )
    if known is not None:
        return Read(
            (row.id, row.text),
            (f"key question {row.id}: the report's wording {row.text!r} is not the framework's",),
        )
    return Read((row.id, row.text))


def relevant_subsample(
    doc: Document, framework: Framework, rows: Sequence[AnnexRow], footnotes: Mapping[int, str]
) -> Read[set[str] | None]:
    """The key questions the report says are calculated over the relevant sub-sample."""
    words = framework.published_reports or PublishedReports(samples=())
    notes = [t for t in footnotes.values() if is_subsample_note(t, words)]
    notes += [
        line.text
        for line in doc.lines
        if is_subsample_note(line.text, words) and line.index not in doc.footnote_lines
    ]
    if not notes:
        return Read(
            None,
            (
                "the report does not say which key questions are calculated over the relevant "
                "sub-sample; the framework's are used",
            ),
        )
    named = {qid for note in notes for qid in ANY_ID.findall(note)}
    marked = {
        row.id
        for row in rows
        if any(is_subsample_note(footnotes.get(n, ""), words) for n in row.marks)
    }
    found = named | marked
    framework_set = {q.id for q in framework.key_questions.values() if q.relevant_subsample_only}
    if found and found != framework_set:
        return Read(
            found,
            (
                "the report calculates key questions "
                f"{', '.join(sorted(found))} over the relevant sub-sample; the framework has "
                f"{', '.join(sorted(framework_set))}",
            ),
        )
    return Read(found)
