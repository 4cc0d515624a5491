"""The published-reports section's rules, checked when a framework is loaded: it names only the
framework's own samples, each once; its phrases are non-empty and each can decide (a phrase is
not already a phrase of a sample tried before it, and does not hold one); and every sample a
standard is rated from can be read from a report (it has phrases, or it is the default)."""

from __future__ import annotations

from collections.abc import Iterator

from sufficiency.framework.model import Framework, PublishedReports, RatedBy
from sufficiency.framework.problems import Location, Problem, Report

_HERE: Location = ("published_reports",)


def published_reports_problems(fw: Framework, report: Report) -> Iterator[Problem]:
    section = fw.published_reports
    if section is None:
        return
    known = sorted(fw.samples)
    has = f"the sampling section has: {', '.join(known)}" if known else "it has no samples"
    listed: dict[str, int] = {}
    for i, entry in enumerate(section.samples):
        at: Location = (*_HERE, "samples", i)
        if entry.sample not in fw.samples:
            yield report((*at, "sample"), f"not a sample of this framework ({has})", entry.sample)
        if entry.sample in listed:
            yield report(
                (*at, "sample"),
                f"this sample is listed twice (also at published_reports.samples[{listed[entry.sample]}])",
                entry.sample,
            )
        listed.setdefault(entry.sample, i)
        if not entry.phrases:
            yield report((*at, "phrases"), f"the {entry.sample} sample lists no phrases", None)
    yield from _phrase_problems(section, report)
    default = section.default_sample
    if default is not None and default not in fw.samples:
        yield report((*_HERE, "default_sample"), f"not a sample of this framework ({has})", default)
    rated: dict[str, str] = {}  # each sample a standard is rated from: the first such standard
    for s in fw.standards.values():
        if s.rated_by is RatedBy.CASE_DATA and s.sample in fw.samples:  # unknown: said elsewhere
            rated.setdefault(s.sample, s.id)
    for sample, standard in rated.items():
        if sample not in listed and sample != default:
            yield report(
                (*_HERE, "samples"),
                f"standard {standard} is rated from the {sample} sample, but no phrases name it "
                "and it is not the default_sample: a report's count of it could never be read",
                None,
            )


def _phrase_problems(section: PublishedReports, report: Report) -> Iterator[Problem]:
    """A phrase decides only if no sample tried before it already matches every text it is in."""
    earlier: list[tuple[str, str]] = []  # (phrase casefolded, its sample), in matching order
    for i, entry in enumerate(section.samples):
        for j, phrase in enumerate(entry.phrases):
            at: Location = (*_HERE, "samples", i, "phrases", j)
            lowered = phrase.casefold()
            taken = next(((p, s) for p, s in earlier if p in lowered), None)
            if taken is not None:
                same = taken[1] == entry.sample
                yield report(
                    at,
                    f"this phrase holds {taken[0]!r}, "
                    + (
                        "a phrase of the same sample: it adds nothing"
                        if same
                        else f"a phrase of the {taken[1]} sample, which is tried first: it "
                        "would never name this one"
                    ),
                    phrase,
                )
        earlier.extend((p.casefold(), entry.sample) for p in entry.phrases)
