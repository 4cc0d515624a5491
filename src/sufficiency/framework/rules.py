"""The rules of a framework file that a schema cannot state, checked once when it is loaded:
unique ids and their nesting, rating bands in order and covering every score, how each standard
is rated, (``sampling_rules``) everything the sampler relies on, and (``published_rules``) the
words the published-report parser reads a report's samples by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sufficiency.framework.model import Framework, RatedBy, Rating
from sufficiency.framework.problems import Location, Problem, Report, dotted
from sufficiency.framework.published_rules import published_reports_problems
from sufficiency.framework.sampling_rules import sampling_problems


def rule_problems(fw: Framework, report: Report) -> Iterator[Problem]:
    """The rules a schema cannot state: unique ids, nesting, bands in order."""
    yield from _id_problems(fw, report)
    yield from _band_problems(fw, report)
    yield from sampling_problems(fw, report)
    yield from published_reports_problems(fw, report)
    sample_ids = set(fw.samples)
    for d, domain in enumerate(fw.domains):
        for s, standard in enumerate(domain.standards):
            here: Location = ("domains", d, "standards", s)
            if standard.rated_by is RatedBy.CASE_DATA:
                if not standard.key_questions:
                    yield report(
                        here,
                        f"standard {standard.id} is rated from case data but has no key questions",
                    )
                if standard.sample is None:
                    yield report(
                        here, f"standard {standard.id} is rated from case data but names no sample"
                    )
                elif fw.sampling is not None and standard.sample not in sample_ids:
                    yield report(
                        (*here, "sample"),
                        f"standard {standard.id} uses sample {standard.sample!r}, which the "
                        f"sampling section does not define (it has: {', '.join(sorted(sample_ids))})",
                    )
            elif standard.key_questions:
                yield report(
                    (*here, "key_questions"),
                    f"standard {standard.id} is rated by judgement, so it cannot have key questions",
                )


def _id_problems(fw: Framework, report: Report) -> Iterator[Problem]:
    seen: dict[str, Location] = {}

    def check(ident: str, loc: Location, parent: str | None, kind: str) -> Iterator[Problem]:
        if ident in seen:
            yield report(
                (*loc, "id"),
                f"duplicate id {ident!r}: already used at {dotted(seen[ident])}",
            )
        else:
            seen[ident] = loc
        if parent is not None and not ident.startswith(parent + "."):
            yield report(
                (*loc, "id"),
                f"{kind} {ident!r} is under {parent!r}, but its id names another parent "
                f"(expected an id starting {parent + '.'!r})",
            )

    for d, domain in enumerate(fw.domains):
        dloc: Location = ("domains", d)
        yield from check(domain.id, dloc, None, "domain")
        for s, standard in enumerate(domain.standards):
            sloc = (*dloc, "standards", s)
            yield from check(standard.id, sloc, domain.id, "standard")
            for q, question in enumerate(standard.key_questions):
                qloc = (*sloc, "key_questions", q)
                yield from check(question.id, qloc, standard.id, "key question")
                for p, prompt in enumerate(question.prompts):
                    yield from check(prompt.id, (*qloc, "prompts", p), question.id, "prompt")


def _band_problems(fw: Framework, report: Report) -> Iterator[Problem]:
    cfg = fw.ratings
    scored = set(cfg.scores)
    for rating in Rating:
        if rating not in scored:
            yield report(("ratings", "scores"), f"no score for {rating.value!r}")
    order = sorted(Rating, key=lambda r: cfg.scores.get(r, 0), reverse=True)
    if len(set(cfg.scores.values())) != len(cfg.scores):
        yield report(("ratings", "scores"), "two ratings have the same score")

    bands = cfg.key_question_bands
    ratings_in_bands = [b.rating for b in bands]
    if sorted(ratings_in_bands, key=order.index) != ratings_in_bands or len(
        set(ratings_in_bands)
    ) != len(ratings_in_bands):
        yield report(
            ("ratings", "key_question_bands"),
            f"bands must list each rating once, best first ({', '.join(r.value for r in order)})",
        )
    for i in range(1, len(bands)):
        if bands[i].min_percent >= bands[i - 1].min_percent:
            yield report(
                ("ratings", "key_question_bands", i, "min_percent"),
                f"thresholds out of order: {bands[i].rating.value} starts at "
                f"{bands[i].min_percent}%, not below {bands[i - 1].rating.value}'s "
                f"{bands[i - 1].min_percent}%",
            )
    if bands and bands[-1].min_percent != 0:
        yield report(
            ("ratings", "key_question_bands", len(bands) - 1, "min_percent"),
            "the lowest band must start at 0% so that every percentage has a rating",
        )

    top = max(cfg.scores.values(), default=0) * len(fw.standards)
    covered: list[int] = []
    for i, band in enumerate(cfg.overall_bands):
        if band.min_score > band.max_score:
            yield report(
                ("ratings", "overall_bands", i),
                f"{band.rating.value}: min_score {band.min_score} is above max_score "
                f"{band.max_score}",
            )
        covered.extend(range(band.min_score, band.max_score + 1))
    counts = Counter(covered)
    overlaps = sorted(score for score, n in counts.items() if n > 1)
    gaps = [score for score in range(top + 1) if score not in counts]
    if overlaps:
        yield report(
            ("ratings", "overall_bands"), f"overall bands overlap at scores {_ranges(overlaps)}"
        )
    if gaps:
        yield report(
            ("ratings", "overall_bands"),
            f"overall bands leave scores {_ranges(gaps)} without a rating "
            f"(scores run from 0 to {top} for {len(fw.standards)} standards)",
        )


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)
