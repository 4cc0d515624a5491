"""Published inspection report text → ``ParsedReport``.

The 2018/19 standards format, as HM Inspectorate of Probation published it for each CRC and NPS
division, is read by its parts, each found by what it says rather than where a page put it:

- title: "An inspection of <provider>", the month of publication, the lead inspector;
- summary of ratings: "Overall rating", then one row per standard: id, name, rating;
- the body: one heading per standard, again with its rating;
- Annex 1 (methodology): how many cases each sample held, and from how many local units;
- the results annex: per standard a header row (id, name, statement, rating) and per key question
  a row (id, text, percentage yes), in whatever order the conversion left the cells;
- footnotes: which key questions use the relevant sub-sample; why the ratings panel departed
  from a calculated rating.

The awarded rating of a standard is the summary's; the body headings and the annex stand in where
the summary lost it, and any disagreement between them is a warning in the checks. Key question
wording is taken from the framework where the report's (damaged) wording matches it.

What a complete record needs (provider, overall rating, a rating for every standard, key question
figures, the samples the rated standards use) is required: a file that lacks any of them raises
``ReportParseError`` listing what is missing, never a half-filled record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType

from sufficiency.framework import Framework, Rating, Standard, load_framework
from sufficiency.published import quality_impact
from sufficiency.published.checks import run_checks
from sufficiency.published.errors import ReportParseError
from sufficiency.published.model import (
    STANDARDS_FORMAT,
    Footnote,
    KeyQuestionFigure,
    PanelAdjustment,
    ParsedReport,
    Recommendation,
    StandardRating,
)
from sufficiency.published.text import (
    MONTH_WORD,
    MONTHS,
    NUMBER_WORD,
    RatingMatch,
    clean,
    find_ratings,
    normalise_space,
    parse_number,
    repair_split_words,
    similarity,
    split_marks,
    vocabulary,
    words,
)

DEFAULT_FRAMEWORK = "hmip-probation-2018"


@lru_cache(maxsize=4)
def default_framework(framework_id: str = DEFAULT_FRAMEWORK) -> Framework:
    return load_framework(framework_id)


def parse_report_text(
    text: str, source: str = "<text>", framework: Framework | None = None
) -> ParsedReport:
    """Read a published inspection report from its text (as converted from the PDF).

    Raises ``ReportParseError`` (``UnsupportedReportFormat`` for a recognised older format) when
    the text is not a complete report in the 2018/19 standards format.
    """
    if not text.strip():
        raise ReportParseError(f"{source} is empty: there is no report text to read", source=source)
    return _Parser(clean(text), source, framework or default_framework()).parse()


# --- lines ----------------------------------------------------------------------------------

_ROW_JUNK = r"[\s_\-–—•·*|>]*"
_KQ_ID = re.compile(rf"^{_ROW_JUNK}(?P<id>[1-9]\.\d{{1,2}}\.\d{{1,2}})(?![\d%])(?:\.(?!\d))?")
_STD_ID = re.compile(
    rf"^{_ROW_JUNK}(?:[Ss]tandard\s+)?(?P<id>[1-9]\.\d{{1,2}})(?![\d%,]|\.\d)(?:\.(?!\d))?"
)
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})\s?%")
_PERCENT_ONLY = re.compile(r"^\W*\d{1,3}\s?%\W*$")
_ANY_ID = re.compile(r"\b[1-9]\.\d{1,2}\.\d{1,2}\b")
_MARK_DEF = re.compile(r"^[\s\-–•*]*\[\^(\d{1,3})\]\s*(?P<text>\S.*)$")
_PLAIN_DEF = re.compile(r"^[\s\-–•*]*(\d{1,3})[ \t]+(?P<text>[A-Z\"'(\[].{18,})$")
_HEADING_ANNEX = re.compile(r"^\W*annex\b", re.IGNORECASE)
_DOMAIN_HEADING = re.compile(r"^\W*[1-9]\.?\s+[A-Z][\w -]*$")
_WORD_COUNT = re.compile(r"[A-Za-z]+")
_RATED_AS = re.compile(
    r"\b(?:is|has\s+been|was)\s+(?:overall\s+)?rated\s*(?:as\b)?\s*:?\s*(.{0,40})", re.IGNORECASE
)


@dataclass(frozen=True)
class _Line:
    index: int
    raw: str  # the cleaned line, footnote marks included
    text: str  # without footnote marks, stripped
    marks: tuple[int, ...]

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(text: str) -> list[_Line]:
    out = []
    for i, raw in enumerate(text.split("\n")):
        plain, marks = split_marks(raw)
        out.append(_Line(i, raw, plain.strip(), marks))
    return out


# --- pieces found on the way ----------------------------------------------------------------


@dataclass
class _Mention:
    """A standard's id with a rating next to it, somewhere in the report."""

    id: str
    rating: Rating | None
    marks: tuple[int, ...]
    name: str  # the words after the id, before the rating (damaged as found)
    region: str  # "summary", "body" or "annex"


@dataclass
class _KeyQuestionRow:
    lines: list[_Line]
    header: list[_Line] = field(default_factory=list)  # the lines between it and the row before
    orphan: _Line | None = None  # a figure a page break left just above the row

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
        found = list(_PERCENT.finditer(self.text))
        return found[-1] if found else None

    def wants(self, line: _Line, after_blank: bool, percent_first: bool = False) -> bool:
        """Whether a line that follows belongs to this row (a cell the PDF put on a new line).

        ``percent_first``: the annex prints each figure just above its row, so a figure below a
        row is the next row's."""
        if len(self.lines) >= 5 or len(line.text) >= 200:
            return False
        has_question, has_percent = "?" in self.text, self.percent_match is not None
        line_percent, short = _PERCENT.search(line.text) is not None, len(line.text) <= 20
        if percent_first and line_percent:
            return False
        if len(self.lines) == 1 and not _WORD_COUNT.search(self.text):
            return True  # the id alone: its cells are on the lines below, blank lines between
        if has_question and has_percent:
            return False
        if has_question:  # waiting for the figure
            return line_percent and (short or not after_blank)
        if has_percent:  # the question runs on below its figure
            return not after_blank and not line_percent
        return not after_blank or (line_percent and short)


@dataclass
class _FoundKeyQuestion:
    id: str
    text: str
    percent: int | None
    marks: tuple[int, ...]
    header: list[_Line]


class _Parser:
    def __init__(self, text: str, source: str, framework: Framework) -> None:
        self.source = source
        self.fw = framework
        self.lines = _lines(text)
        self.warnings: list[str] = []
        self.known_words = vocabulary(
            [q.text for q in framework.key_questions.values()]
            + [f"{s.name} {s.statement}" for s in framework.standards.values()]
        )

    # -- the whole ------------------------------------------------------------------------

    def parse(self) -> ParsedReport:
        head_qi = quality_impact.recognise([line.text for line in self.lines], self.source)
        if head_qi is not None and head_qi.by_title:
            raise head_qi.error()

        self.footnotes, self.footnote_lines = self._footnotes()
        self.annex_start, self.annex_end = self._annex_range()
        self.summary_start, self.summary_end = self._summary_range()
        found_kqs = self._annex_key_questions()
        mentions = self._mentions() + self._annex_mentions(found_kqs)
        if len(found_kqs) < 5 and len({m.id for m in mentions if m.rating}) < 5:
            if head_qi is not None:
                raise head_qi.error()
            raise ReportParseError(
                f"{self.source} does not look like a published inspection report in the "
                "2018/19 standards format: it has no summary of standard ratings and no key "
                "question results",
                source=self.source,
            )

        problems: list[str] = []
        provider = self._provider()
        if provider is None:
            problems.append("no provider name: no 'An inspection of …' title and no 'Service:'")
        overall = self._overall_rating()
        if overall is None:
            problems.append("no overall rating ('Overall rating' followed by a rating)")
        standards = self._standards(mentions, problems)
        key_questions = self._key_questions(found_kqs, {s.id for s in standards}, problems)
        samples = self._samples({s.id for s in standards}, problems)
        if problems or provider is None or overall is None:
            raise ReportParseError(
                f"{self.source} is not a complete published inspection report: "
                f"{len(problems)} thing(s) could not be read",
                problems,
                self.source,
            )

        explanations = self._explanations(mentions)
        checks = run_checks(
            self.fw,
            standards,
            key_questions,
            overall,
            explanations,
            tuple(dict.fromkeys(self.warnings)),
        )
        adjustments = tuple(
            PanelAdjustment(c.standard, c.calculated, c.awarded)
            for c in checks.standards
            if c.calculated is not None and c.calculated != c.awarded
        )
        return ParsedReport(
            source=self.source,
            format=STANDARDS_FORMAT,
            framework=self.fw.id,
            provider=provider,
            overall_rating=overall,
            standards=standards,
            key_questions=key_questions,
            samples=MappingProxyType(samples),
            panel_adjustments=adjustments,
            checks=checks,
            footnotes=tuple(Footnote(n, t) for n, t in sorted(self.footnotes.items())),
            recommendations=self._recommendations(),
            local_delivery_units=self._local_delivery_units(),
            lead_inspector=self._lead_inspector(),
            fieldwork_date=self._fieldwork_date(),
            publication_date=self._publication_date(),
        )

    # -- helpers over lines ---------------------------------------------------------------

    def _nonblank_after(self, index: int, limit: int) -> Iterator[_Line]:
        n = 0
        for line in self.lines[index + 1 :]:
            if line.blank:
                continue
            yield line
            n += 1
            if n >= limit:
                return

    def _joined(self, start: int = 0, end: int | None = None) -> str:
        return " ".join(line.text for line in self.lines[start:end] if line.text)

    # -- footnotes ------------------------------------------------------------------------

    def _footnotes(self) -> tuple[dict[int, str], set[int]]:
        """Footnote texts by number, and the indexes of the lines that hold them."""
        found: dict[int, str] = {}
        plain: dict[int, str] = {}
        held: set[int] = set()
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            number, text = _footnote_definition(line)
            if number is None:
                i += 1
                continue
            held.add(i)
            j = i + 1
            while j < len(self.lines) and self._continues_footnote(self.lines[j]):
                text += " " + self.lines[j].text
                held.add(j)
                j += 1
            target = found if _MARK_DEF.match(line.raw) else plain
            target.setdefault(number, normalise_space(text))
            i = j
        for number, text in plain.items():
            found.setdefault(number, text)
        return found, held

    def _continues_footnote(self, line: _Line) -> bool:
        if line.blank or _footnote_definition(line)[0] is not None:
            return False
        if _KQ_ID.match(line.text) or _STD_ID.match(line.text) or _HEADING_ANNEX.match(line.text):
            return False
        return not line.text.startswith(("-", "•", "*"))

    # -- regions --------------------------------------------------------------------------

    def _annex_range(self) -> tuple[int, int]:
        """The results annex: from its heading (or the first key question row) to the next annex."""
        start = None
        for line in self.lines:
            if len(line.text) <= 100 and re.search(r"inspection\s+results", line.text, re.I):
                start = line.index
        if start is None:
            rows = [line.index for line in self.lines if _KQ_ID.match(line.text)]
            if not rows:
                return len(self.lines), len(self.lines)
            start = rows[0] - 1
        for line in self.lines[start + 1 :]:
            if _HEADING_ANNEX.match(line.text) and len(line.text) <= 100:
                return start, line.index
        return start, len(self.lines)

    def _summary_range(self) -> tuple[int, int]:
        """The summary of ratings: from 'Overall rating' to 'Recommendations'."""
        for line in self.lines[: self.annex_start]:
            if re.match(r"^\W*(?:overall\s+rating|summary\s+of\s+ratings)\b", line.text, re.I):
                for later in self.lines[line.index + 1 : self.annex_start]:
                    if re.match(r"^\W*recommendations\W*$", later.text, re.I):
                        return line.index, later.index
                return line.index, min(line.index + 80, self.annex_start)
        return -1, -1

    def _region(self, index: int) -> str:
        if self.summary_start <= index < self.summary_end:
            return "summary"
        if self.annex_start <= index < self.annex_end:
            return "annex"
        return "body"

    # -- title, provider, dates -----------------------------------------------------------

    def _provider(self) -> str | None:
        title = self._title_provider()
        service = self._service_provider()
        rated = self._rated_provider()
        if title and service and _name_key(title) != _name_key(service):
            self.warnings.append(
                f"the title names the provider {title!r}, the summary of ratings {service!r}"
            )
        for name in (title, service, rated):
            if name and re.search(
                r"rehabilitation company|\bCRC\b|probation service|\bNPS\b|division", name, re.I
            ):
                return name
        return title or service or rated

    def _title_provider(self) -> str | None:
        for line in self.lines[:80]:
            m = re.match(r"^\W*an\s+inspection\s+of\b[\s:]*(.*)$", line.text, re.I)
            if not m:
                continue
            parts = [m.group(1)] if m.group(1) else []
            for later in self._nonblank_after(line.index, 4):
                if _ends_title(later.text):
                    break
                parts.append(later.text)
            return _tidy_provider(" ".join(parts))
        return None

    def _service_provider(self) -> str | None:
        text = self._joined(0, self.annex_start)
        m = re.search(
            r"\bService\s*:\s*(.{3,150}?)\s*(?:Fieldwork|Overall rating|$)", text, re.IGNORECASE
        )
        return _tidy_provider(m.group(1)) if m else None

    def _rated_provider(self) -> str | None:
        m = re.search(
            r"\bOverall,\s+(.{3,150}?)\s+(?:is|has\s+been|was)\s+rated\b", self._joined(0, 400)
        )
        return _tidy_provider(m.group(1)) if m else None

    def _overall_rating(self) -> Rating | None:
        summary: Rating | None = None
        for line in self.lines[: self.annex_start]:
            m = re.match(r"^\W*overall\s+rating\b\W*(.*)$", line.text, re.IGNORECASE)
            if not m:
                continue
            summary = _short_rating(m.group(1))
            for later in self._nonblank_after(line.index, 2):
                if summary is not None or re.match(r"^\W*[1-9]\.", later.text):
                    break  # a standard's row or a domain's heading: the rating is not here
                summary = _short_rating(later.text)
            if summary is not None:
                break
        m2 = _RATED_AS.search(self._joined(0, 400))
        stated = _leading_rating(m2.group(1)) if m2 else None
        if summary and stated and summary != stated:
            self.warnings.append(
                f"the summary of ratings gives the overall rating {summary}, the overall "
                f"findings say {stated}"
            )
        return summary or stated

    def _lead_inspector(self) -> str | None:
        m = re.search(
            r"\bled by\s+(?:HM\s+|Her Majesty's\s+|His Majesty's\s+)?(?:Assistant\s+Chief\s+"
            r"|Chief\s+)?Inspector,?\s+((?:[A-Z][\w'.-]*\s?){1,4}?)(?=[,.;(]|\s+(?:and|supported|with)\b)",
            self._joined(0, 200),
        )
        return normalise_space(m.group(1)) if m else None

    def _fieldwork_date(self) -> str | None:
        m = re.search(
            rf"\bfieldwork\s+(?:started|began|commenced|dates?)\s*:?\s*(?:in\s+)?"
            rf"(?:\d{{1,2}}\s+)?({MONTH_WORD})\w*\.?\s+(\d{{4}})",
            self._joined(0, self.annex_start),
            re.IGNORECASE,
        )
        return f"{m.group(2)}-{MONTHS[m.group(1).casefold()]:02d}" if m else None

    def _publication_date(self) -> str | None:
        for line in self.lines[:60]:
            m = re.fullmatch(rf"\W*({MONTH_WORD})\w*\.?\s+(\d{{4}})\W*", line.text, re.IGNORECASE)
            if m:
                return f"{m.group(2)}-{MONTHS[m.group(1).casefold()]:02d}"
        m2 = re.search(r"(?:©|\(c\))\s*Crown\s+copyright\s+(\d{4})", self._joined(0, 120), re.I)
        return m2.group(1) if m2 else None

    # -- standards ------------------------------------------------------------------------

    def _mentions(self) -> list[_Mention]:
        """Standard ids with a rating beside them, in the summary and in the body.

        A rating is on the id's line ("1.1  Leadership  Good", "Good  1.1  Leadership"), or, where
        conversion put each cell on a line of its own, on a line just after the row or just
        before it. Which of the two is decided once per region, by which reading gives more rows
        a rating: read row by row, the rating just before a row is the previous row's.
        """
        found: list[tuple[_Line, str, str, Rating | None, tuple[int, ...]]] = []
        for line in self.lines:
            if line.index in self.footnote_lines or self._region(line.index) == "annex":
                continue
            m = _STD_ID.match(line.text)
            lead: RatingMatch | None = None
            text = line.text
            if not m:  # a rating cell before the id: "Good  1.1  Leadership"
                lead_cell, _, rest_cells = text.partition("\t")
                lead = _rating_only(lead_cell) if rest_cells else None
                m = _STD_ID.match(rest_cells) if lead is not None else None
                if m is None or lead is None:
                    continue
                text = rest_cells
            ident, rest = m.group("id"), text[m.end() :]
            name, rating = self._rating_on_id_line(ident, rest)
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
            for later in self._nonblank_after(line.index, 2):
                if self._ends_row(later):
                    break
                cell = _cell_rating(later.text)
                if cell is not None:
                    after[line.index] = (cell.rating, later.marks + _mark_of(cell))
                    break
            earlier = self._nonblank_before(line.index)
            if earlier is not None and not self._ends_row(earlier):
                cell = _rating_only(earlier.text)
                if cell is not None:
                    before[line.index] = (cell.rating, earlier.marks + _mark_of(cell))
        regions = {self._region(line.index) for line, *_ in found}
        ratings_before = {
            region
            for region in regions
            if sum(self._region(i) == region for i in before)
            > sum(self._region(i) == region for i in after)
        }

        out = []
        for line, ident, name, rating, marks in found:
            region = self._region(line.index)
            if rating is None:
                side = before if region in ratings_before else after
                if line.index in side:
                    rating, more = side[line.index]
                    marks += more
            out.append(_Mention(ident, rating, marks, name, region))
        return out

    def _ends_row(self, line: _Line) -> bool:
        """A line no standard's row runs on to or back from: another row, a heading, a note."""
        return bool(
            _STD_ID.match(line.text)
            or _KQ_ID.match(line.text)
            or line.index in self.footnote_lines
            or _DOMAIN_HEADING.match(line.text)
            or re.match(r"^\W*(?:overall\s+rating|recommendations)\b", line.text, re.IGNORECASE)
        )

    def _nonblank_before(self, index: int) -> _Line | None:
        for line in reversed(self.lines[max(0, index - 6) : index]):
            if not line.blank:
                return line
        return None

    def _rating_on_id_line(self, ident: str, rest: str) -> tuple[str, Rating | None]:
        known = self.fw.standards.get(ident)
        for found in find_ratings(rest):
            before, after = rest[: found.start], rest[found.end :]
            name = before.split("\t")[0] if "\t" in before.strip() else before
            if (
                not after.strip()
                or after.startswith("\t")
                or not before.strip()
                or (known is not None and similarity(before, known.name) >= 0.8)
                or len(_WORD_COUNT.findall(before + " " + after)) <= 6
            ):
                return normalise_space(name), found.rating
        return normalise_space(rest.split("\t")[0] if rest.strip() else rest), None

    def _annex_mentions(self, rows: Sequence[_FoundKeyQuestion]) -> list[_Mention]:
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
                if line.index in self.footnote_lines:
                    continue
                m = _STD_ID.match(line.text)
                if m and not name:
                    name = line.text[m.end() :]
                marks += line.marks
                found = _cell_rating(line.text)
                if found is not None and rating is None:
                    rating = found.rating
                    marks += (found.mark,) if found.mark else ()
            if rating is None:  # a rating cell the PDF wrapped: "Requires" / "Improvement¹⁸"
                cells = [
                    line.text.split("\t")[-1]
                    for line in row.header
                    if line.index not in self.footnote_lines
                    and ("\t" in line.text or len(_WORD_COUNT.findall(line.text)) <= 2)
                ]
                wrapped = find_ratings(" ".join(cells))
                if wrapped:
                    rating = wrapped[-1].rating
                    marks += (wrapped[-1].mark,) if wrapped[-1].mark else ()
            out.append(_Mention(standard, rating, marks, normalise_space(name), "annex"))
        return out

    def _standards(
        self, mentions: Sequence[_Mention], problems: list[str]
    ) -> tuple[StandardRating, ...]:
        by_id: dict[str, dict[str, Rating]] = defaultdict(dict)
        names: dict[str, str] = {}
        for mention in mentions:
            ident = self._standard_id(mention)
            if ident is None or mention.rating is None:
                continue
            by_id[ident].setdefault(mention.region, mention.rating)
            names.setdefault(ident, mention.name)
        found_domains = {ident.split(".")[0] for ident in by_id}
        extra = sorted(i for i in by_id if i not in self.fw.standards)
        required = [
            s
            for s in self.fw.standards.values()
            if not extra or s.id.split(".")[0] in found_domains
        ]
        result = []
        for ident in [s.id for s in required] + extra:
            sources = by_id.get(ident)
            if not sources:
                known = self.fw.standards[ident]
                problems.append(f"no rating found for standard {ident} ({known.name})")
                continue
            rating = next(sources[r] for r in ("summary", "body", "annex") if r in sources)
            if len(set(sources.values())) > 1:
                where = ", ".join(f"the {r} says {v}" for r, v in sources.items())
                self.warnings.append(
                    f"standard {ident}: the report disagrees with itself ({where})"
                )
            known_standard = self.fw.standards.get(ident)
            name = known_standard.name if known_standard else _tidy_name(names[ident])
            result.append(StandardRating(ident, name, rating))
        return tuple(result)

    def _standard_id(self, mention: _Mention) -> str | None:
        """The framework's id for a mention; an unknown id only from the summary of ratings."""
        if mention.id in self.fw.standards:
            return mention.id
        best = _best_standard(self.fw, mention.name)
        if best is not None:
            self.warnings.append(
                f"the report numbers standard {best.id} ({best.name}) as {mention.id}"
            )
            return best.id
        return mention.id if mention.region == "summary" else None

    def _explanations(self, mentions: Sequence[_Mention]) -> dict[str, str]:
        """Per standard, the footnote explaining a ratings-panel decision, if the report has one."""
        panel = {n: t for n, t in self.footnotes.items() if _explains_panel(t)}
        # a footnote marked on a standard's rating need not name the panel ("moderated upwards")
        marked = {n: t for n, t in self.footnotes.items() if _explains_rating_change(t)}
        out: dict[str, str] = {}
        for mention in mentions:
            ident = mention.id if mention.id in self.fw.standards else None
            if ident is None:
                continue
            for number in mention.marks:
                if number in marked:
                    out.setdefault(ident, marked[number])
        for text in panel.values():  # a panel footnote whose mark was lost, naming the standard
            if text in out.values():
                continue
            named = [s.id for s in self.fw.standards.values() if _names_standard(text, s)]
            if len(named) == 1:
                out.setdefault(named[0], text)
        return out

    # -- key questions --------------------------------------------------------------------

    def _annex_key_questions(self) -> list[_FoundKeyQuestion]:
        """Key question rows of the results annex, each with its figure.

        A figure the conversion put on a line of its own belongs to the row above it, unless the
        annex prints figures above their rows. Read that way, the last row of each standard is
        left without a figure (read the other way, the first would be): the reading that leaves
        fewer rows without a figure is taken.
        """
        rows = self._annex_rows(percent_first=False)
        if any(row.figureless for row in rows):
            above = self._annex_rows(percent_first=True)
            if sum(r.figureless for r in above) < sum(r.figureless for r in rows):
                rows = above
        return [self._key_question_row(row) for row in rows]

    def _annex_rows(self, percent_first: bool) -> list[_KeyQuestionRow]:
        rows: list[_KeyQuestionRow] = []
        pending: list[_Line] = []
        current: _KeyQuestionRow | None = None
        after_blank = False
        for line in self.lines[self.annex_start : self.annex_end]:
            if line.blank:
                after_blank = True
                continue
            if line.index in self.footnote_lines:
                current = None
            elif _KQ_ID.match(line.text):
                current = _KeyQuestionRow([line], pending)
                if (
                    pending
                    and _PERCENT_ONLY.match(pending[-1].text)
                    and (percent_first or not rows or rows[-1].percent_match is not None)
                ):
                    current.orphan = pending.pop()
                rows.append(current)
                pending = []
            elif (
                current is not None
                and not _STD_ID.match(line.text)
                and not _HEADING_ANNEX.match(line.text)
                and current.wants(line, after_blank, percent_first)
            ):
                current.lines.append(line)
            else:
                current = None
                pending.append(line)
            after_blank = False
        return rows

    def _key_question_row(self, row: _KeyQuestionRow) -> _FoundKeyQuestion:
        text = row.text
        m = _KQ_ID.match(text)
        assert m is not None
        ident, body = m.group("id"), text[m.end() :]
        percent: int | None = None
        marks = row.marks
        pm = _PERCENT.search(body) and list(_PERCENT.finditer(body))[-1]
        if not pm and row.orphan is not None:
            body += " " + row.orphan.text
            pm = list(_PERCENT.finditer(body))[-1]
        if pm:
            value = int(pm.group(1))
            if value <= 100:
                percent = value
            body = body[: pm.start()] + " " + body[pm.end() :]
        if "?" in body:
            question, junk = body.split("?", 1)
            body = question + "?"
            marks += tuple(int(d) for d in re.findall(r"(?<!\w)(\d{1,3})(?!\w)", junk))
        text = repair_split_words(normalise_space(body.replace("\t", " ")), self.known_words)
        return _FoundKeyQuestion(ident, text, percent, marks, row.header)

    def _key_questions(
        self, rows: Sequence[_FoundKeyQuestion], standards: set[str], problems: list[str]
    ) -> tuple[KeyQuestionFigure, ...]:
        relevant = self._relevant_subsample(rows)
        figures: dict[str, KeyQuestionFigure] = {}
        printed = {row.id for row in rows}
        for row in rows:
            ident, text = self._key_question_id(row, printed)
            if row.percent is None:
                continue
            if ident in figures:
                if figures[ident].percent_yes != row.percent:
                    self.warnings.append(
                        f"key question {ident} appears twice, with {figures[ident].percent_yes}% "
                        f"and {row.percent}%; the first is kept"
                    )
                continue
            known = self.fw.key_questions.get(ident)
            if relevant is None:
                in_subsample = known.relevant_subsample_only if known else False
            else:
                in_subsample = ident in relevant
            figures[ident] = KeyQuestionFigure(ident, text, row.percent, in_subsample)
        if not figures:
            problems.append("no key question figures: no results annex rows with a percentage")
        order = {qid: n for n, qid in enumerate(self.fw.key_questions)}
        ordered = sorted(
            figures.values(), key=lambda q: (order.get(q.id, len(order)), _id_key(q.id))
        )
        return tuple(q for q in ordered if q.id.rsplit(".", 1)[0] in standards or q.id in order)

    def _key_question_id(self, row: _FoundKeyQuestion, printed: set[str]) -> tuple[str, str]:
        """The framework's id and wording for a row, repaired where conversion damaged it.

        A row is renumbered by its wording only to an id no other row of the report carries:
        an NPS division's own question that reads like a framework one keeps its number."""
        known = self.fw.key_questions.get(row.id)
        own = similarity(row.text, known.text) if known else 0.0
        if own >= 0.7 and known is not None:
            return known.id, known.text
        scored = sorted(
            (
                (similarity(row.text, q.text), q.id)
                for q in self.fw.key_questions.values()
                if q.id not in printed
            ),
            reverse=True,
        )
        best_score, best_id = scored[0] if scored else (0.0, "")
        if best_score >= 0.85:
            self.warnings.append(
                f"the row numbered {row.id} asks key question {best_id}; read as {best_id}"
            )
            return best_id, self.fw.key_questions[best_id].text
        if known is not None:
            self.warnings.append(
                f"key question {row.id}: the report's wording {row.text!r} is not the framework's"
            )
        return row.id, row.text

    def _relevant_subsample(self, rows: Sequence[_FoundKeyQuestion]) -> set[str] | None:
        """The key questions the report says are calculated over the relevant sub-sample."""
        notes = [t for t in self.footnotes.values() if _is_subsample_note(t)]
        notes += [
            line.text
            for line in self.lines
            if _is_subsample_note(line.text) and line.index not in self.footnote_lines
        ]
        if not notes:
            self.warnings.append(
                "the report does not say which key questions are calculated over the relevant "
                "sub-sample; the framework's are used"
            )
            return None
        named = {qid for note in notes for qid in _ANY_ID.findall(note)}
        marked = {
            row.id
            for row in rows
            if any(_is_subsample_note(self.footnotes.get(n, "")) for n in row.marks)
        }
        found = named | marked
        framework_set = {q.id for q in self.fw.key_questions.values() if q.relevant_subsample_only}
        if found and found != framework_set:
            self.warnings.append(
                "the report calculates key questions "
                f"{', '.join(sorted(found))} over the relevant sub-sample; the framework has "
                f"{', '.join(sorted(framework_set))}"
            )
        return found

    # -- samples and local units ----------------------------------------------------------

    @cached_property
    def _methodology_range(self) -> tuple[int, int]:
        """Annex 1 (methodology): from its last heading to the results annex (read once)."""
        start = None
        for line in self.lines[: self.annex_start]:
            if len(line.text) <= 80 and re.search(r"\bmethodology\b", line.text, re.IGNORECASE):
                start = line.index
        return (start, self.annex_start) if start is not None else (0, len(self.lines))

    def _samples(self, standards: set[str], problems: list[str]) -> dict[str, int]:
        start, end = self._methodology_range
        found: dict[str, int] = {}
        context: str | None = None
        for line in self.lines[start:end]:
            if len(line.text) <= 60 and not line.text.endswith("."):
                context = _sample_of(line.text) or context
            for sentence in re.split(r"(?<=[.;])\s+", line.text):
                for number, sample in _sample_counts(sentence):
                    sample = sample or context or "case_supervision"
                    if sample in found and found[sample] != number:
                        self.warnings.append(
                            f"the {sample} sample is given as {found[sample]} and as {number} cases"
                        )
                    found.setdefault(sample, number)
        needed = [
            s.sample
            for s in self.fw.standards.values()
            if s.id in standards and s.sample is not None
        ]
        samples = {}
        for sample in dict.fromkeys(needed):
            if sample in found:
                samples[sample] = found[sample]
            else:
                problems.append(
                    f"no {sample.replace('_', ' ')} sample size ('We examined N cases')"
                )
        return samples

    def _local_delivery_units(self) -> int | None:
        start, end = self._methodology_range
        m = re.search(
            rf"\bfrom\s+(?:across\s+)?(?:the\s+|all\s+)?(?P<n>\d{{1,3}}|{NUMBER_WORD})\s+"
            r"(?:local delivery units?|LDUs?|local management centres?|LMCs?|probation delivery "
            r"units?|PDUs?|local (?:areas|offices))\b",
            self._joined(start, end),
            re.IGNORECASE,
        )
        return parse_number(m.group("n")) if m and m.group("n") else None

    # -- recommendations ------------------------------------------------------------------

    def _recommendations(self) -> tuple[Recommendation, ...]:
        start = next(
            (
                line.index
                for line in self.lines
                if re.match(r"^\W*recommendations\W*$", line.text, re.IGNORECASE)
            ),
            None,
        )
        if start is None:
            return ()
        items: list[tuple[str | None, list[str]]] = []  # addressee, the item's lines
        to: str | None = None
        in_item = previous_blank = False
        for line in self.lines[start + 1 :]:
            if line.blank:
                previous_blank = True
                continue
            addressee = re.match(r"^(.{3,150}?)\s+should\s*:\s*$", line.text)
            item = re.match(r"^(?:[-•*]\s*|\d{1,2}[.)]\s+)+(.*)$", line.text)
            if addressee:
                to, in_item = normalise_space(addressee.group(1)), False
            elif item:
                items.append((to, [item.group(1)]))
                in_item = True
            elif in_item and not previous_blank and not _looks_like_heading(line.text):
                items[-1][1].append(line.text)  # an item wrapped onto another line
            elif items or _looks_like_heading(line.text):
                break
            previous_blank = False
        texts = [(to, normalise_space(" ".join(parts))) for to, parts in items]
        return tuple(Recommendation(to, text) for to, text in texts if text)


# --- small pure helpers ---------------------------------------------------------------------

_COUNT = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}|{NUMBER_WORD})"
_CASES = (
    rf"{_COUNT}\s+(?P<kind>(?:[A-Za-z][\w'/-]*\s+){{0,4}}?)(?:case\s+(?:files|records)|cases)\b"
    r"(?P<tail>(?:(?!\band\s+\d)[^,;]){0,60})"
)
# "We examined/inspected 100 cases", "The case supervision sample consisted of 134 cases",
# "A total of 100 cases were inspected": a sampling verb and the first count of cases it governs
_SAMPLE_COUNT = re.compile(
    r"(?P<subject>^.{0,80}?)\b(?:examined|inspected|assessed|reviewed|looked\s+at|read|"
    r"consist(?:ed|s)\s+of|comprised|(?:sample|total)\s+of|sample\s+(?:size\s+)?was)\s+"
    rf"(?:(?:a|the)\s+(?:total|sample)\s+of\s+|a\s+further\s+|another\s+)?{_CASES}"
    rf"|(?P<subject2>^.{{0,80}}?){_CASES.replace('?P<', '?P<p_')}\s+(?:were|was)\s+"
    r"(?:examined|inspected|assessed|reviewed|read|looked\s+at)\b",
    re.IGNORECASE,
)
# more counts listed after the first: ", 36 unpaid work cases and 15 Through the Gate cases"
_MORE_CASES = re.compile(rf"^\s*(?:,|;)?\s*(?:and|plus|as well as)?\s*{_CASES}", re.IGNORECASE)


def _sample_counts(sentence: str) -> Iterator[tuple[int, str | None]]:
    """The sample sizes a methodology sentence gives, each with the sample its words name
    (the words between the count and "cases", then the sentence's subject, then the words
    just after), or None where they name none."""
    m = _SAMPLE_COUNT.search(sentence)
    if not m:
        return
    prefix = "" if m.group("n") else "p_"
    subject = m.group("subject") if m.group("n") else m.group("subject2")
    end = m.end(f"{prefix}tail")
    groups = {k: m.group(prefix + k) for k in ("n", "kind", "tail")}
    first = True
    while True:
        number = parse_number(groups["n"])
        if number:
            sample = _sample_of(groups["kind"])
            if sample is None and first:
                sample = _sample_of(subject or "")
            if sample is None:
                sample = _sample_of(groups["tail"])
            yield number, sample
        more = _MORE_CASES.match(sentence[end:])
        if not more:
            return
        groups = {k: more.group(k) for k in ("n", "kind", "tail")}
        end += more.end()
        first = False


def _sample_of(text: str) -> str | None:
    lowered = text.casefold()
    if "unpaid work" in lowered or "community payback" in lowered:
        return "unpaid_work"
    if re.search(r"through the gate|custod|released|resettlement", lowered):
        return "through_the_gate"
    if re.search(r"case supervision|domain two", lowered):
        return "case_supervision"
    return None


def _footnote_definition(line: _Line) -> tuple[int | None, str]:
    m = _MARK_DEF.match(line.raw)
    if m:
        rest = m.group("text")
        rest_plain = split_marks(rest)[0].strip()
        is_row = _KQ_ID.match(rest_plain) or _STD_ID.match(rest_plain)
        if (
            not is_row
            and not _PERCENT.match(rest_plain)
            and len(_WORD_COUNT.findall(rest_plain)) >= 2
        ):
            return int(m.group(1)), rest_plain
        return None, ""
    m = _PLAIN_DEF.match(line.text)
    if m and not line.marks:
        rest = m.group("text")
        if _WORD_COUNT.findall(rest) and (len(rest) > 40 or "." in rest):
            return int(m.group(1)), rest
    return None, ""


def _ends_title(text: str) -> bool:
    return bool(
        re.search(
            rf"inspectorate|^\W*(?:{MONTH_WORD})\w*\.?\s+\d{{4}}\W*$|^contents$|^this inspection",
            text,
            re.IGNORECASE,
        )
        or len(text) > 90
    )


def _tidy_provider(name: str) -> str | None:
    name = normalise_space(split_marks(name)[0])
    name = re.sub(
        r"^(?:probation services\s*(?:in|provided by|delivered by)?\s*:?\s*)", "", name, flags=re.I
    )
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s*\((?:CRC|NPS)\)", "", name).strip(" .,:;-–")
    return name or None


def _name_key(name: str) -> str:
    return " ".join(words(name))


def _tidy_name(name: str) -> str:
    return normalise_space(name).strip(" .,:;-–\t") or "?"


def _short_rating(text: str) -> Rating | None:
    """The rating a short line states ("Inadequate", "Requires improvement¹⁸")."""
    found = find_ratings(text)
    if found and len(_WORD_COUNT.findall(text)) - _rating_words(found[0]) <= 6:
        return found[0].rating
    return None


def _leading_rating(text: str) -> Rating | None:
    found = find_ratings(text)
    return found[0].rating if found and found[0].start <= 3 else None


def _rating_words(found: RatingMatch) -> int:
    return 1 if found.rating in (Rating.GOOD, Rating.INADEQUATE, Rating.OUTSTANDING) else 2


def _cell_rating(text: str) -> RatingMatch | None:
    """A rating that ends a table row, or a line that is little more than a rating."""
    found = find_ratings(text)
    if not found:
        return None
    last = found[-1]
    if not text[last.end :].strip():
        return last
    first = found[0]
    if len(_WORD_COUNT.findall(text)) - _rating_words(first) <= 2:
        return first
    return None


def _rating_only(text: str) -> RatingMatch | None:
    """The rating of a cell or line that holds nothing else ("Good", "Requires improvement18")."""
    found = find_ratings(text)
    if len(found) == 1 and len(_WORD_COUNT.findall(text)) == _rating_words(found[0]):
        return found[0]
    return None


def _mark_of(found: RatingMatch) -> tuple[int, ...]:
    return (found.mark,) if found.mark else ()


def _glued_mark(rest: str) -> int | None:
    found = find_ratings(rest)
    return found[0].mark if found else None


def _best_standard(fw: Framework, name: str) -> Standard | None:
    if not name.strip():
        return None
    scored = []
    for standard in fw.standards.values():
        head = words(name)[: len(words(standard.name)) + 1]
        scored.append((similarity(head, words(standard.name)), standard.id))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.85:
        return fw.standards[scored[0][1]]
    return None


def _explains_panel(text: str) -> bool:
    return bool(re.search(r"\bpanel\b", text, re.IGNORECASE)) and bool(
        re.search(r"calculat|borderline|adjust|rating|score", text, re.IGNORECASE)
    )


def _explains_rating_change(text: str) -> bool:
    return _explains_panel(text) or bool(
        re.search(
            r"calculated|borderline|adjusted|moderated|raised|lowered|uplift|"
            r"professional\s+(?:discussion|judgement)",
            text,
            re.IGNORECASE,
        )
    )


def _names_standard(text: str, standard: Standard) -> bool:
    lowered = normalise_space(text).casefold()
    return (
        standard.name.casefold() in lowered
        or re.search(rf"\bstandard\s+{re.escape(standard.id)}\b", lowered) is not None
    )


def _is_subsample_note(text: str) -> bool:
    return bool(
        re.search(r"sub-?\s?sample", text, re.IGNORECASE) and _ANY_ID.search(text)
    ) and bool(re.search(r"relevant|risk of (?:serious )?harm|rosh", text, re.IGNORECASE))


def _looks_like_heading(text: str) -> bool:
    return (
        len(text) <= 60
        and text[:1].isupper()
        and not text.endswith((".", ":", ";", ","))
        and not re.match(r"^\d", text)
    )


def _id_key(ident: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ident.split("."))
