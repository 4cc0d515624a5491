"""Benchmark statistics over parsed reports: pure functions over ``ParsedReport.as_dict()`` forms.

``compare(reports, provider)`` sets a provider's figures beside every stored report's: for each
key question (percentage yes), each standard (rating score: Inadequate 0 … Outstanding 3, from the
framework's ``ratings.scores``) and the overall score (the sum of the standards' scores), the
median, lower and upper quartiles, lowest, highest, the provider's rank (1 = best) and n.
``dataset_rows(reports)`` flattens the dataset to one row per report per key question, for CSV.

Statistics are over every report given (a provider inspected twice counts twice); the provider's
own figure is its latest report's (by fieldwork date, else publication date). Quartiles are
``statistics.quantiles(values, n=4, method="inclusive")``: the stored reports are the whole
population being described, not a sample of a larger one, so the lowest and highest figures are
the 0th and 100th percentiles. Ranks are competition ranks: equal figures share the best rank
(1, 2, 2, 4), and a higher figure or score is better.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sufficiency.framework import Framework
from sufficiency.published.model import report_key

DATASET_COLUMNS = (
    "report_key",
    "provider",
    "publication_date",
    "fieldwork_date",
    "overall_rating",
    "standard",
    "standard_name",
    "standard_rating",
    "calculated_rating",
    "panel_adjusted",
    "key_question",
    "key_question_text",
    "percent_yes",
    "relevant_subsample_only",
    "sample",
    "sample_size",
)

Report = Mapping[str, Any]


class UnknownProvider(LookupError):
    """No stored report matches the provider asked for (or several do); ``candidates`` lists
    the stored providers that came closest, or all of them."""

    def __init__(self, message: str, candidates: Sequence[str]) -> None:
        self.message = message
        self.candidates = tuple(candidates)
        super().__init__(message)


@dataclass(frozen=True)
class Figure:
    """One key question, standard or the overall score: the provider beside all reports."""

    kind: str  # "key_question", "standard" or "overall"
    id: str
    label: str
    value: int | None  # the provider's percentage, rating score or overall score
    display: str | None  # the provider's figure as a person reads it: "82%", "Good", "14 (…)"
    n: int  # reports with a figure for this row
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    lowest: int | None
    highest: int | None
    rank: int | None  # 1 = best; None when the provider has no figure
    values: tuple[int, ...]  # every report's figure, ascending: what a chart draws

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "n": self.n,
            "median": self.median,
            "lower_quartile": self.lower_quartile,
            "upper_quartile": self.upper_quartile,
            "lowest": self.lowest,
            "highest": self.highest,
            "rank": self.rank,
            "values": list(self.values),
        }


@dataclass(frozen=True)
class Comparison:
    provider: str
    report_key: str  # the provider's report that is compared (its latest)
    reports: int  # how many reports the statistics are over
    key_questions: tuple[Figure, ...]
    standards: tuple[Figure, ...]
    overall: Figure
    scores: Mapping[str, int]  # rating word → score, as the standards rows use them
    thresholds: tuple[int, ...]  # the framework's band thresholds in percent, for charts

    def as_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "report_key": self.report_key,
            "reports": self.reports,
            "scores": dict(self.scores),
            "thresholds": list(self.thresholds),
            "key_questions": [f.as_dict() for f in self.key_questions],
            "standards": [f.as_dict() for f in self.standards],
            "overall": self.overall.as_dict(),
        }


def summarise(values: Sequence[int]) -> tuple[float, float, float] | None:
    """(lower quartile, median, upper quartile) of the figures, or None when there are none."""
    if not values:
        return None
    if len(values) == 1:
        only = float(values[0])
        return only, only, only
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return lower, median, upper


def rank(value: int, values: Sequence[int]) -> int:
    """Competition rank of ``value`` among ``values``, higher is better: 1 + how many beat it."""
    return 1 + sum(1 for v in values if v > value)


def find_provider(reports: Sequence[Report], provider: str) -> list[Report]:
    """The reports of a provider named exactly (ignoring case), or by a unique part of the name."""
    wanted = " ".join(provider.split()).casefold()
    names = sorted({str(r["provider"]) for r in reports})
    exact = [r for r in reports if str(r["provider"]).casefold() == wanted]
    if exact:
        return exact
    partial = [name for name in names if wanted and wanted in name.casefold()]
    if len(partial) == 1:
        return [r for r in reports if r["provider"] == partial[0]]
    if partial:
        raise UnknownProvider(
            f"{provider!r} matches {len(partial)} stored providers; name one of them", partial
        )
    raise UnknownProvider(f"no stored report for provider {provider!r}", names)


def latest(reports: Sequence[Report]) -> Report:
    """The most recent report: by fieldwork date, else publication date."""
    return max(
        reports, key=lambda r: str(r.get("fieldwork_date") or r.get("publication_date") or "")
    )


def compare(
    reports: Sequence[Report], provider: str, framework: Framework | None = None
) -> Comparison:
    """A provider's latest report beside every report given; raises ``UnknownProvider``."""
    fw = framework or _default_framework()
    scores = {str(rating): score for rating, score in fw.ratings.scores.items()}
    own = latest(find_provider(reports, provider))

    kq_texts: dict[str, str] = {q.id: q.text for q in fw.key_questions.values()}
    kq_values: dict[str, list[int]] = {qid: [] for qid in kq_texts}
    for report in reports:
        for q in report.get("key_questions", ()):
            kq_texts.setdefault(q["id"], q["text"])
            kq_values.setdefault(q["id"], []).append(int(q["percent_yes"]))
    own_kq = {q["id"]: int(q["percent_yes"]) for q in own.get("key_questions", ())}
    key_questions = tuple(
        _figure(
            "key_question",
            qid,
            f"{qid} {kq_texts[qid]}",
            own_kq.get(qid),
            None if qid not in own_kq else f"{own_kq[qid]}%",
            values,
        )
        for qid, values in _ordered(kq_values, list(fw.key_questions)).items()
        if values
    )

    names: dict[str, str] = {s.id: s.name for s in fw.standards.values()}
    std_values: dict[str, list[int]] = {sid: [] for sid in names}
    for report in reports:
        for s in report.get("standards", ()):
            if s["rating"] in scores:
                names.setdefault(s["id"], s["name"])
                std_values.setdefault(s["id"], []).append(scores[s["rating"]])
    own_std = {s["id"]: s["rating"] for s in own.get("standards", ()) if s["rating"] in scores}
    standards = tuple(
        _figure(
            "standard",
            sid,
            f"{sid} {names[sid]}",
            scores[own_std[sid]] if sid in own_std else None,
            own_std.get(sid),
            values,
        )
        for sid, values in _ordered(std_values, list(fw.standards)).items()
        if values
    )

    overall_values = [_overall_score(r, scores) for r in reports]
    own_score = _overall_score(own, scores)
    overall = _figure(
        "overall",
        "overall",
        "Overall score (sum of the standards' scores)",
        own_score,
        f"{own_score} ({own.get('overall_rating')})",
        overall_values,
    )
    return Comparison(
        provider=str(own["provider"]),
        report_key=report_key(own),
        reports=len(reports),
        key_questions=key_questions,
        standards=standards,
        overall=overall,
        scores=scores,
        thresholds=fw.ratings.thresholds,
    )


def dataset_rows(
    reports: Sequence[Report], framework: Framework | None = None
) -> list[dict[str, Any]]:
    """One row per report per key question (columns: ``DATASET_COLUMNS``), reports in order."""
    fw = framework or _default_framework()
    rows = []
    for report in reports:
        ratings = {s["id"]: s for s in report.get("standards", ())}
        calculated = {
            c["standard"]: c.get("calculated")
            for c in report.get("checks", {}).get("standards", ())
        }
        adjusted = {p["standard"] for p in report.get("panel_adjustments", ())}
        samples = report.get("samples", {})
        for q in report.get("key_questions", ()):
            standard_id = q["id"].rsplit(".", 1)[0]
            standard = ratings.get(standard_id, {})
            known = fw.standards.get(standard_id)
            sample = known.sample if known is not None else None
            rows.append(
                {
                    "report_key": report_key(report),
                    "provider": report["provider"],
                    "publication_date": report.get("publication_date"),
                    "fieldwork_date": report.get("fieldwork_date"),
                    "overall_rating": report.get("overall_rating"),
                    "standard": standard_id,
                    "standard_name": standard.get("name", known.name if known else None),
                    "standard_rating": standard.get("rating"),
                    "calculated_rating": calculated.get(standard_id),
                    "panel_adjusted": standard_id in adjusted,
                    "key_question": q["id"],
                    "key_question_text": q["text"],
                    "percent_yes": q["percent_yes"],
                    "relevant_subsample_only": q["relevant_subsample_only"],
                    "sample": sample,
                    "sample_size": samples.get(sample) if sample else None,
                }
            )
    return rows


def _figure(
    kind: str,
    ident: str,
    label: str,
    value: int | None,
    display: str | None,
    values: Sequence[int],
) -> Figure:
    summary = summarise(values)
    return Figure(
        kind=kind,
        id=ident,
        label=label,
        value=value,
        display=display if value is not None else None,
        n=len(values),
        median=None if summary is None else summary[1],
        lower_quartile=None if summary is None else summary[0],
        upper_quartile=None if summary is None else summary[2],
        lowest=min(values) if values else None,
        highest=max(values) if values else None,
        rank=None if value is None else rank(value, values),
        values=tuple(sorted(values)),
    )


def _overall_score(report: Report, scores: Mapping[str, int]) -> int:
    return sum(scores.get(s["rating"], 0) for s in report.get("standards", ()))


def _ordered(by_id: dict[str, list[int]], framework_ids: Sequence[str]) -> dict[str, list[int]]:
    """Framework order first, then the ids the framework lacks, numerically."""
    extra = sorted((k for k in by_id if k not in framework_ids), key=_id_key)
    return {k: by_id[k] for k in [*framework_ids, *extra] if k in by_id}


def _id_key(ident: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in ident.split("."))


def _default_framework() -> Framework:
    from sufficiency.published.parser import default_framework

    return default_framework()


__all__ = [
    "DATASET_COLUMNS",
    "Comparison",
    "Figure",
    "UnknownProvider",
    "compare",
    "dataset_rows",
    "find_provider",
    "latest",
    "rank",
    "summarise",
]
