"""Annex 1, the methodology: how many cases each sample held, and from how many local units.

"We examined/inspected 100 cases", "The case supervision sample consisted of 134 cases",
"A total of 100 cases were inspected": a sampling verb and the first count of cases it governs,
then any more counts listed after it (", 36 unpaid work cases and 15 Through the Gate cases").
Which sample a count belongs to is said by the words between the count and "cases", then by the
sentence's subject, then by the words just after, then by the heading above, and otherwise it is
the framework's default sample. The words for each sample, and the order they are tried in, are
the framework's (``published_reports`` in its file): nothing here names a sample.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sufficiency.framework import Framework, PublishedReports
from sufficiency.published.document import Document, Line, Read
from sufficiency.published.text import NUMBER_WORD, parse_number

METHODOLOGY_HEADING = re.compile(r"\bmethodology\b", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+")
_COUNT = rf"(?P<n>\d{{1,3}}(?:,\d{{3}}){{1,3}}|\d{{1,4}}|{NUMBER_WORD})"
_CASES = (
    rf"{_COUNT}\s{{1,9}}(?P<kind>(?:[A-Za-z][\w'/-]{{0,40}}\s{{1,9}}){{0,4}}?)"
    r"(?:case\s{1,9}(?:files|records)|cases)\b"
    r"(?P<tail>(?:(?!\band\s{1,9}\d)[^,;]){0,60})"
)
SAMPLE_COUNT = re.compile(
    r"(?P<subject>^.{0,80}?)\b(?:examined|inspected|assessed|reviewed|looked\s{1,9}at|read|"
    r"consist(?:ed|s)\s{1,9}of|comprised|(?:sample|total)\s{1,9}of|sample\s{1,9}(?:size\s{1,9})?"
    r"was)\s{1,9}(?:(?:a|the)\s{1,9}(?:total|sample)\s{1,9}of\s{1,9}|a\s{1,9}further\s{1,9}"
    rf"|another\s{{1,9}})?{_CASES}"
    rf"|(?P<subject2>^.{{0,80}}?){_CASES.replace('?P<', '?P<p_')}\s{{1,9}}(?:were|was)\s{{1,9}}"
    r"(?:examined|inspected|assessed|reviewed|read|looked\s{1,9}at)\b",
    re.IGNORECASE,
)
MORE_CASES = re.compile(
    rf"^\s{{0,9}}(?:,|;)?\s{{0,9}}(?:and|plus|as well as)?\s{{0,9}}{_CASES}", re.IGNORECASE
)
LOCAL_UNITS = re.compile(
    rf"\bfrom\s{{1,9}}(?:across\s{{1,9}})?(?:the\s{{1,9}}|all\s{{1,9}})?"
    rf"(?P<n>\d{{1,3}}|{NUMBER_WORD})\s{{1,9}}"
    r"(?:local delivery units?|LDUs?|local management centres?|LMCs?|probation delivery "
    r"units?|PDUs?|local (?:areas|offices))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Methodology:
    samples: dict[str, int]  # the samples the rated standards use, by name
    local_delivery_units: int | None


def methodology_range(lines: Sequence[Line], annex_start: int) -> tuple[int, int]:
    """Annex 1 (methodology): from its last heading to the results annex."""
    start = None
    for line in lines[:annex_start]:
        if len(line.text) <= 80 and METHODOLOGY_HEADING.search(line.text):
            start = line.index
    return (start, annex_start) if start is not None else (0, len(lines))


def read_methodology(
    doc: Document, framework: Framework, standards: set[str]
) -> tuple[Read[Methodology], tuple[str, ...]]:
    """The samples and local units, what was noticed, and the problems: samples not given."""
    start, end = methodology_range(doc.lines, doc.annex[0])
    words = framework.published_reports or PublishedReports(samples=())
    found: dict[str, int] = {}
    findings: list[str] = []
    context: str | None = None
    for line in doc.lines[start:end]:
        if len(line.text) <= 60 and not line.text.endswith("."):
            context = words.sample_named_in(line.text) or context
        for sentence in SENTENCE_BREAK.split(line.text):
            for number, named in sample_counts(sentence, words):
                sample = named or context or words.default_sample
                if sample is None:  # a framework without a default sample: whose, unknown
                    findings.append(f"{number} cases of no sample the framework names")
                    continue
                if sample in found and found[sample] != number:
                    findings.append(
                        f"the {sample} sample is given as {found[sample]} and as {number} cases"
                    )
                found.setdefault(sample, number)
    needed = [
        s.sample for s in framework.standards.values() if s.id in standards and s.sample is not None
    ]
    samples: dict[str, int] = {}
    problems: list[str] = []
    for sample in dict.fromkeys(needed):
        if sample in found:
            samples[sample] = found[sample]
        else:
            problems.append(f"no {sample.replace('_', ' ')} sample size ('We examined N cases')")
    units = LOCAL_UNITS.search(doc.joined(start, end))
    methodology = Methodology(
        samples, parse_number(units.group("n")) if units and units.group("n") else None
    )
    return Read(methodology, tuple(findings)), tuple(problems)


def sample_counts(sentence: str, words: PublishedReports) -> Iterator[tuple[int, str | None]]:
    """The sample sizes a methodology sentence gives, each with the sample its words name
    (the words between the count and "cases", then the sentence's subject, then the words
    just after), or None where they name none."""
    m = SAMPLE_COUNT.search(sentence)
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
            sample = words.sample_named_in(groups["kind"])
            if sample is None and first:
                sample = words.sample_named_in(subject or "")
            if sample is None:
                sample = words.sample_named_in(groups["tail"])
            yield number, sample
        more = MORE_CASES.match(sentence[end:])
        if not more:
            return
        groups = {k: more.group(k) for k in ("n", "kind", "tail")}
        end += more.end()
        first = False
