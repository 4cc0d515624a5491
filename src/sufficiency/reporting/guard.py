"""The guard: no case identifier in the report's words.

A published report never names a case: not its id, not a name from the caseload. Every piece of
narrative (and every reason recorded for a rating, which the report prints) is searched for every
identifier given, as a whole word and ignoring case; each one found is a problem naming the place,
and the build stops.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from sufficiency.reporting.data import ReportData
from sufficiency.reporting.errors import ReportError, problem
from sufficiency.reporting.narrative import block_texts, parse_narrative


def check_no_case_identifiers(data: ReportData) -> None:
    """Raise ``ReportError`` listing every place whose words contain a case identifier."""
    needles = _needles(data.case_identifiers)
    if not needles:
        return
    problems = [
        problem(place, "names a case: the report must not contain a case identifier", found)
        for place, text in _places(data)
        for found in _identifiers_in(text, needles)
    ]
    if problems:
        raise ReportError(problems)


def _needles(identifiers: Collection[str]) -> dict[str, str]:
    """Each identifier's search form (case folded, spaces single) → the identifier as given."""
    out: dict[str, str] = {}
    for identifier in identifiers:
        folded = " ".join(identifier.casefold().split())
        if folded:
            out.setdefault(folded, identifier.strip())
    return out


def _identifiers_in(text: str, needles: dict[str, str]) -> list[str]:
    """The identifiers that occur in ``text`` as whole words (no letter or digit either side)."""
    haystack = " ".join(text.casefold().split())
    found = []
    for needle, identifier in needles.items():
        start = haystack.find(needle)
        while start != -1:
            end = start + len(needle)
            before = haystack[start - 1] if start else " "
            after = haystack[end] if end < len(haystack) else " "
            if not before.isalnum() and not after.isalnum():
                found.append(identifier)
                break
            start = haystack.find(needle, start + 1)
    return found


def _places(data: ReportData) -> Iterator[tuple[str, str]]:
    """Every piece of words the report prints from people, with the place it holds."""
    fw, story = data.framework, data.narrative

    def pieces(place: str, text: str) -> Iterator[tuple[str, str]]:
        for where, words in block_texts(parse_narrative(text)):
            yield f"{place}, {where}", words

    yield from pieces("foreword", story.foreword)
    yield from pieces("overall findings", story.overall_findings)
    domains = {d.id: d.name for d in fw.domains}
    for domain in story.domains:
        name = f"domain {domain.domain_id} ({domains.get(domain.domain_id, '?')})"
        yield from pieces(f"{name} summary", domain.summary)
        yield from pieces(f"{name} strengths", domain.strengths)
        yield from pieces(f"{name} areas for improvement", domain.areas_for_improvement)
    for standard in story.standards:
        name = _standard_name(data, standard.standard_id)
        yield from pieces(f"{name} key findings", standard.key_findings)
    for n, example in enumerate(story.practice_examples, start=1):
        name = f"practice example {n} ({_standard_name(data, example.standard_id)})"
        yield f"{name}, title", example.title
        yield from pieces(name, example.text)
    for n, recommendation in enumerate(story.recommendations, start=1):
        yield f"recommendation {n}, to whom", recommendation.to
        yield f"recommendation {n}", recommendation.what
    for result in data.ratings.standards:
        if result.reason:
            yield f"the reason recorded for {_standard_name(data, result.id)}", result.reason


def _standard_name(data: ReportData, standard_id: str) -> str:
    standard = data.framework.standards.get(standard_id)
    return f"standard {standard_id}" + (f" ({standard.name})" if standard else "")
