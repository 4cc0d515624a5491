"""The standards' chapters: each standard's awarded rating, and why a panel changed one.

A standard is mentioned with its rating in the summary of ratings, at the head of its chapter and
in the results annex. The summary's rating is the awarded one; the chapter and the annex stand in
where the summary lost it, and any disagreement between them is a finding. A standard numbered
otherwise than the framework numbers it (a CRC's 4.1 printed as 3.1) is known by its name.
The footnote marked on a standard's rating, or a panel footnote naming the standard, explains a
ratings-panel decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sufficiency.framework import Framework, Rating, Standard
from sufficiency.published.document import Read
from sufficiency.published.footnotes import (
    explains_panel,
    explains_rating_change,
    names_standard,
)
from sufficiency.published.model import StandardRating
from sufficiency.published.summary import Mention
from sufficiency.published.text import normalise_space, similarity, words

REGIONS_BY_PRECEDENCE = ("summary", "body", "annex")


def standards(
    framework: Framework, mentions: Sequence[Mention]
) -> tuple[Read[tuple[StandardRating, ...]], tuple[str, ...]]:
    """The rated standards (and what was noticed), and the problems: standards left unrated."""
    by_id: dict[str, dict[str, Rating]] = defaultdict(dict)
    names: dict[str, str] = {}
    findings: list[str] = []
    for mention in mentions:
        known = standard_id(framework, mention)
        findings += known.findings
        if known.value is None or mention.rating is None:
            continue
        by_id[known.value].setdefault(mention.region, mention.rating)
        names.setdefault(known.value, mention.name)
    found_domains = {ident.split(".")[0] for ident in by_id}
    extra = sorted(i for i in by_id if i not in framework.standards)
    required = [
        s for s in framework.standards.values() if not extra or s.id.split(".")[0] in found_domains
    ]
    problems: list[str] = []
    result = []
    for ident in [s.id for s in required] + extra:
        sources = by_id.get(ident)
        if not sources:
            problems.append(
                f"no rating found for standard {ident} ({framework.standards[ident].name})"
            )
            continue
        rating = next(sources[r] for r in REGIONS_BY_PRECEDENCE if r in sources)
        if len(set(sources.values())) > 1:
            where = ", ".join(f"the {r} says {v}" for r, v in sources.items())
            findings.append(f"standard {ident}: the report disagrees with itself ({where})")
        known_standard = framework.standards.get(ident)
        name = known_standard.name if known_standard else _tidy_name(names[ident])
        result.append(StandardRating(ident, name, rating))
    return Read(tuple(result), tuple(findings)), tuple(problems)


def standard_id(framework: Framework, mention: Mention) -> Read[str | None]:
    """The framework's id for a mention; an unknown id only from the summary of ratings."""
    if mention.id in framework.standards:
        return Read(mention.id)
    best = _best_standard(framework, mention.name)
    if best is not None:
        return Read(
            best.id, (f"the report numbers standard {best.id} ({best.name}) as {mention.id}",)
        )
    return Read(mention.id if mention.region == "summary" else None)


def explanations(
    framework: Framework, mentions: Sequence[Mention], footnotes: Mapping[int, str]
) -> dict[str, str]:
    """Per standard, the footnote explaining a ratings-panel decision, if the report has one."""
    panel = {n: t for n, t in footnotes.items() if explains_panel(t)}
    # a footnote marked on a standard's rating need not name the panel ("moderated upwards")
    marked = {n: t for n, t in footnotes.items() if explains_rating_change(t)}
    out: dict[str, str] = {}
    for mention in mentions:
        if mention.id not in framework.standards:
            continue
        for number in mention.marks:
            if number in marked:
                out.setdefault(mention.id, marked[number])
    for text in panel.values():  # a panel footnote whose mark was lost, naming the standard
        if text in out.values():
            continue
        named = [s.id for s in framework.standards.values() if names_standard(text, s)]
        if len(named) == 1:
            out.setdefault(named[0], text)
    return out


def _best_standard(framework: Framework, name: str) -> Standard | None:
    if not name.strip():
        return None
    scored = []
    for standard in framework.standards.values():
        head = words(name)[: len(words(standard.name)) + 1]
        scored.append((similarity(head, words(standard.name)), standard.id))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.85:
        return framework.standards[scored[0][1]]
    return None


def _tidy_name(name: str) -> str:
    return normalise_space(name).strip(" .,:;-–\t") or "?"
