"""What a text is, before it is read as a 2018/19 standards report: a later format, or cut short.

Sufficiency reads the reports of the 2018/19 standards programme. HM Inspectorate of Probation
has published other formats since, and each is recognised by what its opening pages say and
refused by name, as the 2017 Quality & Impact reports are (``quality_impact``):

- the 2019/20 programme's reports: the cover dated "HMI Probation, May 2020", fieldwork "started
  on 06 January 2020", published from 2020 (fieldwork from September 2019);
- the probation delivery unit (PDU) inspections published from 2021;
- youth offending service inspections.

A report cut short (its contents page lists the summary of ratings or the results annex, but the
text ends before them) is refused as truncated, naming what is missing, rather than as a report
in another format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sufficiency.published.document import Line
from sufficiency.published.errors import TruncatedReport, UnsupportedReportFormat
from sufficiency.published.text import MONTH_WORD, words

YOUTH = re.compile(r"\byouth\s{1,9}(?:offending|justice)\b", re.IGNORECASE)
PDU = re.compile(r"\bprobation\s{1,9}delivery\s{1,9}units?\b|\bPDUs?\b", re.IGNORECASE)
HMI_PROBATION_COVER = re.compile(
    rf"^\W{{0,9}}HMI\s{{1,9}}Probation\s{{0,9}},?\s{{0,9}}(?:{MONTH_WORD})\w{{0,6}}\.?\s{{1,9}}"
    r"(?P<year>\d{4})\W{0,9}$",
    re.IGNORECASE,
)
FIELDWORK_STARTED_ON = re.compile(
    r"\bfieldwork\s{1,9}for\s{1,9}this\s{1,9}inspection\s{1,9}(?:started|began|commenced)"
    r"\s{1,9}on\b",
    re.IGNORECASE,
)
# the parts every complete report has, as its contents page lists them
REQUIRED_PART = re.compile(
    r"^\W{0,9}(?:summary\s{1,9}of\s{1,9}ratings|annex\s{0,9}2\b)|inspection\s{1,9}results",
    re.IGNORECASE,
)
# a contents entry: its title, then leaders and a page number ("Annex 2: Inspection results.....\t30")
CONTENTS_ENTRY = re.compile(r"^(?P<title>.{0,200}?)(?:[\s.…]{1,40}\d{1,3}\s{0,9})?$")
TITLE_LINES = 40  # nonblank lines read as the opening pages


@dataclass(frozen=True)
class LaterFormat:
    format: str
    name: str
    why: str
    # the title page names another kind of inspection; otherwise (the 2019/20 programme's signs)
    # it is refused only when it cannot be read as a 2018/19 report: some of those were published
    # with the later cover
    strong: bool = True

    def error(
        self, source: str, provider: str | None = None, published: str | None = None
    ) -> UnsupportedReportFormat:
        about = ", ".join(
            part
            for part in (
                f"of {provider}" if provider else "",
                f"published {published}" if published else "",
            )
            if part
        )
        return UnsupportedReportFormat(
            f"{source} is {self.name}{f' ({about})' if about else ''}: {self.why}. Sufficiency "
            "reads the reports of the 2018/19 standards programme, so it cannot be read or "
            "benchmarked against them.",
            self.format,
            source=source,
        )


PDU_FORMAT = "probation-pdu-2021"
YOUTH_FORMAT = "youth-offending"
PROGRAMME_2019_FORMAT = "probation-standards-2019-20"


def later_format(
    lines: Sequence[Line], publication_date: str | None, fieldwork_date: str | None
) -> LaterFormat | None:
    """A later format's signs in the opening pages and dates, or None."""
    head = [line.text for line in lines if line.text][:TITLE_LINES]
    title = " ".join(head[:12])
    if YOUTH.search(title):
        return LaterFormat(
            YOUTH_FORMAT,
            "a youth offending service inspection report",
            "its title page names youth offending services",
        )
    published_year = int(publication_date[:4]) if publication_date else None
    if PDU.search(title) and (published_year is None or published_year >= 2021):
        return LaterFormat(
            PDU_FORMAT,
            "a probation delivery unit (PDU) inspection report, the format published from 2021",
            "its title page names a probation delivery unit",
        )
    covers = [m for text in head if (m := HMI_PROBATION_COVER.match(text))]
    if covers and int(covers[0].group("year")) >= 2021:
        return LaterFormat(
            PDU_FORMAT,
            "a probation inspection report of the format published from 2021",
            f"its cover is dated {covers[0].group(0).strip()}",
        )
    if covers:
        return _programme_2019(f"its cover is dated {covers[0].group(0).strip()!r}")
    if any(FIELDWORK_STARTED_ON.search(text) for text in head):
        return _programme_2019("it says when 'the fieldwork for this inspection started on'")
    if publication_date and publication_date >= "2020-01":
        return _programme_2019(f"it was published in {publication_date}")
    if fieldwork_date and fieldwork_date >= "2019-09":
        return _programme_2019(f"its fieldwork started in {fieldwork_date}")
    return None


def _programme_2019(why: str) -> LaterFormat:
    return LaterFormat(
        PROGRAMME_2019_FORMAT, "a report of the 2019/20 inspection programme", why, strong=False
    )


def truncation(
    contents: Sequence[str], lines: Sequence[Line], source: str
) -> TruncatedReport | None:
    """A refusal naming what the contents page lists but the text ends before, or None.

    The text is cut short when the last parts its contents list are not in it, and among them
    is one every complete report has (the summary of ratings, the results annex)."""
    listed = [
        title
        for entry in contents
        if (m := CONTENTS_ENTRY.match(entry)) and (title := m.group("title").strip())
    ]
    headings = [words(line.text) for line in lines if line.text and len(line.text) <= 120]
    missing: list[str] = []
    for title in reversed(listed):
        key = words(title)
        if not key or any(h[: len(key)] == key for h in headings):
            break
        missing.insert(0, title)
    if not any(REQUIRED_PART.search(title) for title in missing):
        return None
    last = next((line.text for line in reversed(lines) if line.text), "")
    named = ", ".join(f"'{t}'" for t in missing[:8]) + (
        f" and {len(missing) - 8} more" if len(missing) > 8 else ""
    )
    return TruncatedReport(
        f"{source} is cut short: its contents list {named}, but the text ends before "
        f"{'them' if len(missing) > 1 else 'it'} (its last line is {last[:80]!r}). It may be "
        "a partial download, or a PDF saved from only some of the report's pages.",
        missing,
        source,
    )
