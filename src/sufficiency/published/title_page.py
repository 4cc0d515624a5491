"""The title page and what the opening pages say: provider, dates, lead inspector.

The provider is named by the title ("An inspection of <provider>", over a few lines that stop at
the cover's date, the inspectorate's name or a web page's furniture), by the summary of ratings'
"Service:" row, by the running footer ("Inspection of probation services: <provider>", which
cleaning takes out of the text and keeps aside) and by the overall findings ("Overall, <provider>
is rated …"). A name that says what kind of organisation it is (CRC, NPS division) is preferred,
in that order: where the title is damaged the footer's full name stands in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sufficiency.published.document import Document, Read
from sufficiency.published.text import MONTH_WORD, MONTHS, normalise_space, split_marks, words

TITLE = re.compile(r"^\W*an\s+inspection\s+of\b[\s:]*(.*)$", re.IGNORECASE)
# where the title's lines stop: the inspectorate, a cover date ("HMI Probation, June 2020"), the
# contents, the first paragraph, a web page's furniture ("Upload • Download"), a long line
TITLE_END = re.compile(
    r"(?:\b(?:HM|Her\s{1,9}Majesty's|His\s{1,9}Majesty's)\s{1,9})?inspectorate|\bHMI\s{1,9}Probation\b"
    rf"|\b(?:{MONTH_WORD})\w{{0,6}}\.?\s{{1,9}}\d{{4}}\b|^contents$|^this inspection"
    r"|\ban\s{1,9}inspection\s{1,9}by\b|•|\b(?:upload|download)\b",
    re.IGNORECASE,
)
SERVICE = re.compile(
    r"\bService\s{0,9}:\s{0,9}(.{3,150}?)\s{0,9}(?:Fieldwork|Overall rating|$)", re.IGNORECASE
)
RATED_PROVIDER = re.compile(
    r"\bOverall,\s{1,9}(.{3,150}?)\s{1,9}(?:is|has\s{1,9}been|was)\s{1,9}rated\b"
)
RUNNING_FOOTER = re.compile(
    r"^\W{0,9}(?:an\s{1,9})?inspection\s{1,9}of\s{1,9}probation\s{1,9}services"
    r"(?:\s{1,9}(?:in|provided\s{1,9}by|delivered\s{1,9}by))?\s{0,9}:\s{0,9}(?P<name>\S.{2,150})$",
    re.IGNORECASE,
)
ORGANISATION = re.compile(
    r"rehabilitation company|\bCRC\b|probation service|\bNPS\b|division", re.IGNORECASE
)
PROVIDER_PREFIX = re.compile(
    r"^(?:probation services\s{0,9}(?:in|provided by|delivered by)?\s{0,9}:?\s{0,9})",
    re.IGNORECASE,
)
LEADING_THE = re.compile(r"^the\s{1,9}", re.IGNORECASE)
LEAD_INSPECTOR = re.compile(
    r"\bled by\s{1,9}(?:HM\s{1,9}|Her Majesty's\s{1,9}|His Majesty's\s{1,9})?"
    r"(?:Assistant\s{1,9}Chief\s{1,9}|Chief\s{1,9})?Inspector,?\s{1,9}"
    r"(?P<name>[A-Z][\w'.-]{0,40}(?:\s[A-Z][\w'.-]{0,40}){0,3}?)"
    r"(?=[,.;(]|\s{1,9}(?:and|supported|with)\b)"
)
FIELDWORK = re.compile(
    r"\bfieldwork\s{1,9}(?:for\s{1,9}this\s{1,9}inspection\s{1,9})?"
    r"(?:started|began|commenced|dates?)\s{0,9}:?\s{0,9}(?:(?:in|on)\s{1,9})?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s{{1,9}})?(?P<month>{MONTH_WORD})\w{{0,6}}\.?\s{{1,9}}"
    r"(?P<year>\d{4})",
    re.IGNORECASE,
)
# a cover date on a line of its own, or after the inspectorate's name: "HMI Probation, May 2020"
COVER_DATE = re.compile(
    r"(?:^\W{0,9}|\b(?:HMI|HM\s{1,9}Inspectorate\s{1,9}of)\s{1,9}Probation\W{1,9})"
    rf"(?P<month>{MONTH_WORD})\w{{0,6}}\.?\s{{1,9}}(?P<year>\d{{4}})\W{{0,9}}$",
    re.IGNORECASE,
)
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\))\s{0,9}Crown\s{1,9}copyright\s{1,9}(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class TitlePage:
    provider: str | None
    lead_inspector: str | None
    fieldwork_date: str | None  # "YYYY-MM"
    publication_date: str | None  # "YYYY-MM", or "YYYY" from the copyright line


def read_title_page(
    doc: Document, furniture: Sequence[str], kinds: Sequence[str] = ()
) -> Read[TitlePage]:
    """What the opening pages say; ``furniture`` is the running headers and footers cleaning
    took out of the text; ``kinds`` the kinds of provider the framework names (its caseload's
    provider values: CRC, NPS), which a name may add in brackets ("Essex (CRC)")."""
    title = title_provider(doc, kinds)
    service = service_provider(doc, kinds)
    findings: tuple[str, ...] = ()
    if title and service and name_key(title) != name_key(service):
        findings = (f"the title names the provider {title!r}, the summary of ratings {service!r}",)
    candidates = (title, service, footer_provider(furniture, kinds), rated_provider(doc, kinds))
    provider = next((n for n in candidates if n and ORGANISATION.search(n)), None)
    provider = provider or next((n for n in candidates if n), None)
    page = TitlePage(
        provider=provider,
        lead_inspector=lead_inspector(doc),
        fieldwork_date=fieldwork_date(doc),
        publication_date=publication_date(doc),
    )
    return Read(page, findings)


def title_provider(doc: Document, kinds: Sequence[str] = ()) -> str | None:
    for line in doc.lines[:80]:
        m = TITLE.match(line.text)
        if not m:
            continue
        first, ended = _before_title_end(m.group(1))
        parts = [first] if first else []
        for later in doc.nonblank_after(line.index, 4):
            if ended or len(later.text) > 90:
                break
            part, ended = _before_title_end(later.text)
            if part:
                parts.append(part)
        return tidy_provider(" ".join(parts), kinds)
    return None


def service_provider(doc: Document, kinds: Sequence[str] = ()) -> str | None:
    m = SERVICE.search(doc.joined(0, doc.annex[0]))
    return tidy_provider(m.group(1), kinds) if m else None


def rated_provider(doc: Document, kinds: Sequence[str] = ()) -> str | None:
    m = RATED_PROVIDER.search(doc.joined(0, 400))
    return tidy_provider(m.group(1), kinds) if m else None


def footer_provider(furniture: Sequence[str], kinds: Sequence[str] = ()) -> str | None:
    """The name the running footer gives most often, if any footer names one."""
    names = Counter(
        name
        for line in furniture
        if (m := RUNNING_FOOTER.match(line.strip()))
        and (name := tidy_provider(m.group("name"), kinds))
    )
    return names.most_common(1)[0][0] if names else None


def lead_inspector(doc: Document) -> str | None:
    m = LEAD_INSPECTOR.search(doc.joined(0, 200))
    return normalise_space(m.group("name")) if m else None


def fieldwork_date(doc: Document) -> str | None:
    m = FIELDWORK.search(doc.joined(0, doc.annex[0]))
    return _month(m) if m else None


def publication_date(doc: Document) -> str | None:
    for line in doc.lines[:60]:
        if len(line.text) <= 160 and (m := COVER_DATE.search(line.text)):
            return _month(m)
    m2 = COPYRIGHT_YEAR.search(doc.joined(0, 120))
    return m2.group(1) if m2 else None


def _month(m: re.Match[str]) -> str:
    return f"{m.group('year')}-{MONTHS[m.group('month').casefold()]:02d}"


def _before_title_end(text: str) -> tuple[str, bool]:
    """A title line's text up to where the title ends, and whether it ends there."""
    m = TITLE_END.search(text)
    if m is None:
        return text, False
    return text[: m.start()].strip(" ,;:-–|"), True


def tidy_provider(name: str, kinds: Sequence[str] = ()) -> str | None:
    """A provider's name without "Probation services in:", a leading "the", and a kind of
    provider added in brackets ("Essex (CRC)")."""
    name = normalise_space(split_marks(name)[0])
    name = PROVIDER_PREFIX.sub("", name)
    name = LEADING_THE.sub("", name)
    if any(f"({kind})" in name for kind in kinds):
        for kind in kinds:
            name = name.replace(f"({kind})", "")
        name = normalise_space(name)
    name = name.strip(" .,:;-–")
    return name or None


def name_key(name: str) -> str:
    return " ".join(words(name))
