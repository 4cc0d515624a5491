"""``ReportData`` from a JSON file (``sufficiency report build --data REPORT.json``).

The file holds what the web side will one day read from the database::

    {
      "framework": "hmip-probation-2018",
      "provider": {"name": "…", "kind": "CRC"},
      "dates": {"fieldwork_start": "2018-11-05", "fieldwork_end": "2018-11-16",
                "publication": "2019-03-12"},
      "lead_inspector": "…",
      "ratings": { … exactly the output of `sufficiency rate --format json` … },
      "methodology": {"local_delivery_units": ["…"], "interviews": 87, "meetings": 14,
                      "samples": [{"id": "case_supervision", "name": "Case supervision",
                                   "size": 100, "eligible_population": 1843,
                                   "window_start": "2018-06-01", "window_end": "2018-06-30",
                                   "confidence": 0.8, "margin_of_error": 0.05,
                                   "stratification": ["gender", "disposal", "rosh"]}]},
      "breakdowns": [{"group": "…", "figures": [{"question_id": "2.1.1", "yes": 40, "no": 5}]}],
      "narrative": {"foreword": "…", "overall_findings": "…",
                    "domains": [{"domain_id": "2", "summary": "…", "strengths": "…",
                                 "areas_for_improvement": "…"}],
                    "standards": [{"standard_id": "2.1", "key_findings": "…"}],
                    "practice_examples": [{"standard_id": "2.1", "title": "…", "text": "…"}],
                    "recommendations": [{"to": "…", "what": "…"}]},
      "case_identifiers": ["…"]
    }

Every problem is reported with the field it is in (``methodology.samples[0].size``) and the
reason; the ratings are checked against the framework's rules by the ratings engine's own
functions, so a hand-edited file cannot carry a rating its figures do not give.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from sufficiency.framework import Framework, FrameworkError, RatedBy, Rating, load_framework
from sufficiency.ratings import (
    KeyQuestionResult,
    Overall,
    RatingsResult,
    StandardResult,
    calculated_rating,
    overall_rating,
)
from sufficiency.reporting import data as d
from sufficiency.reporting.errors import ReportError, ReportProblem

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report's data is a few hundred kilobytes

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Words = Annotated[str, StringConstraints(max_length=100_000)]
Count = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class _Provider(_Model):
    name: Name
    kind: Name


class _Dates(_Model):
    fieldwork_start: date
    fieldwork_end: date
    publication: date | None = None


class _Sample(_Model):
    id: Name
    name: Name
    size: Count
    eligible_population: Count
    window_start: date
    window_end: date
    confidence: float = Field(gt=0, lt=1)
    margin_of_error: float = Field(gt=0, lt=1)
    stratification: tuple[Name, ...] = ()


class _Methodology(_Model):
    local_delivery_units: tuple[Name, ...] = ()
    samples: tuple[_Sample, ...]
    interviews: Count = 0
    meetings: Count = 0


class _GroupFigure(_Model):
    question_id: Name
    yes: Count
    no: Count


class _Breakdown(_Model):
    group: Name
    figures: tuple[_GroupFigure, ...]


class _Domain(_Model):
    domain_id: Name
    summary: Words = ""
    strengths: Words = ""
    areas_for_improvement: Words = ""


class _Standard(_Model):
    standard_id: Name
    key_findings: Words


class _Example(_Model):
    standard_id: Name
    title: Name
    text: Words


class _Recommendation(_Model):
    to: Name
    what: Words


class _Narrative(_Model):
    foreword: Words = ""
    overall_findings: Words = ""
    domains: tuple[_Domain, ...] = ()
    standards: tuple[_Standard, ...] = ()
    practice_examples: tuple[_Example, ...] = ()
    recommendations: tuple[_Recommendation, ...] = ()


class _KeyQuestion(_Model):
    id: Name
    yes: Count
    no: Count
    not_applicable: Count
    unanswered: Count
    percent: int | None = Field(ge=0, le=100)
    ci_low: float | None
    ci_high: float | None


class _StandardRating(_Model):
    id: Name
    calculated_rating: Rating | None
    driving_question: str | None
    awarded_rating: Rating | None
    panel_adjusted: bool
    borderline: bool
    reason: str | None


class _Overall(_Model):
    score: Count
    rating: Rating


class _Ratings(_Model):
    key_questions: tuple[_KeyQuestion, ...]
    standards: tuple[_StandardRating, ...]
    overall: _Overall | None


class _ReportFile(_Model):
    framework: Name
    provider: _Provider
    dates: _Dates
    lead_inspector: Name | None = None
    ratings: _Ratings
    methodology: _Methodology
    breakdowns: tuple[_Breakdown, ...] = ()
    narrative: _Narrative = _Narrative()
    case_identifiers: tuple[str, ...] = ()


def read_report_data(path: Path, load: Callable[[str], Framework] = load_framework) -> d.ReportData:
    """The report data in a JSON file; ``ReportError`` naming every problem's field."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReportError(
            [ReportProblem("file", f"cannot read it: {exc.strerror}", source)]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ReportError(
            [ReportProblem("file", f"larger than {MAX_FILE_BYTES // 2**20} MB", source)]
        )
    return parse_report_data(raw, source, load)


def parse_report_data(
    raw: bytes | str,
    source: str = "<report data>",
    load: Callable[[str], Framework] = load_framework,
) -> d.ReportData:
    try:
        document: Any = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReportError([ReportProblem("file", f"not JSON: {exc}", source)]) from None
    try:
        model = _ReportFile.model_validate(document)
    except ValidationError as exc:
        raise ReportError(
            [
                ReportProblem(_dotted(err["loc"]) or "file", err["msg"], source)
                for err in exc.errors()
            ]
        ) from None
    try:
        framework = load(model.framework)
    except FrameworkError as exc:
        raise ReportError(
            [ReportProblem("framework", str(p), source) for p in exc.problems]
        ) from None
    ratings = _ratings(model.ratings)
    problems = check_ratings(framework, ratings)
    if problems:
        raise ReportError([ReportProblem(p.place, p.message, source) for p in problems])
    return _report_data(model, framework, ratings)


def check_ratings(framework: Framework, ratings: RatingsResult) -> list[ReportProblem]:
    """Ratings that the framework's rules, applied by the ratings engine, do not give."""
    problems = []
    known = {q.id for q in ratings.key_questions}
    if known != set(framework.key_questions) or {s.id for s in ratings.standards} != set(
        framework.standards
    ):
        return [
            ReportProblem(
                "ratings",
                f"the ratings are not of framework {framework.id}: they must give every one of "
                "its key questions and standards, and no other",
            )
        ]
    percents = {q.id: q.percent for q in ratings.key_questions if q.percent is not None}
    for n, result in enumerate(ratings.standards):
        place = f"ratings.standards[{n}]"
        standard = framework.standards[result.id]
        if standard.rated_by is not RatedBy.CASE_DATA:
            continue
        figures = {q.id: percents[q.id] for q in standard.key_questions if q.id in percents}
        calculated = calculated_rating(framework, standard, figures)[0] if figures else None
        if result.calculated_rating != calculated:
            problems.append(
                ReportProblem(
                    f"{place}.calculated_rating",
                    f"standard {result.id}'s key question figures give {calculated}, not "
                    f"{result.calculated_rating}",
                )
            )
        adjusted = result.awarded_rating != calculated
        if result.panel_adjusted != adjusted:
            problems.append(
                ReportProblem(
                    f"{place}.panel_adjusted",
                    f"standard {result.id}: panel_adjusted must be {str(adjusted).lower()} when "
                    f"the awarded rating is {result.awarded_rating} and the calculated {calculated}",
                )
            )
        if adjusted and not (result.reason or "").strip():
            problems.append(
                ReportProblem(
                    f"{place}.reason",
                    f"the ratings panel's decision on standard {result.id} gives no reason; a "
                    "panel decision must record why it awards this rating",
                )
            )
    overall = overall_rating(framework, {s.id: s.awarded_rating for s in ratings.standards})
    if overall != ratings.overall:
        problems.append(
            ReportProblem(
                "ratings.overall",
                f"the awarded ratings give the overall {overall}, not {ratings.overall}",
            )
        )
    return problems


def _ratings(model: _Ratings) -> RatingsResult:
    return RatingsResult(
        key_questions=tuple(KeyQuestionResult(**q.model_dump()) for q in model.key_questions),
        standards=tuple(StandardResult(**s.model_dump()) for s in model.standards),
        overall=Overall(model.overall.score, model.overall.rating) if model.overall else None,
    )


def _report_data(model: _ReportFile, framework: Framework, ratings: RatingsResult) -> d.ReportData:
    m, n = model.methodology, model.narrative
    return d.ReportData(
        provider=d.Provider(model.provider.name, model.provider.kind),
        dates=d.InspectionDates(**model.dates.model_dump()),
        framework=framework,
        ratings=ratings,
        methodology=d.Methodology(
            local_delivery_units=m.local_delivery_units,
            samples=tuple(d.SampleFacts(**s.model_dump()) for s in m.samples),
            interviews=m.interviews,
            meetings=m.meetings,
        ),
        narrative=d.Narrative(
            foreword=n.foreword,
            overall_findings=n.overall_findings,
            domains=tuple(d.DomainNarrative(**x.model_dump()) for x in n.domains),
            standards=tuple(d.StandardNarrative(**x.model_dump()) for x in n.standards),
            practice_examples=tuple(
                d.PracticeExample(**x.model_dump()) for x in n.practice_examples
            ),
            recommendations=tuple(d.Recommendation(**x.model_dump()) for x in n.recommendations),
        ),
        breakdowns=tuple(
            d.GroupBreakdown(b.group, tuple(d.GroupFigure(**f.model_dump()) for f in b.figures))
            for b in model.breakdowns
        ),
        case_identifiers=frozenset(model.case_identifiers),
        lead_inspector=model.lead_inspector,
    )


def report_data_json(data: d.ReportData) -> dict[str, Any]:
    """``data`` in the file format ``parse_report_data`` reads (the framework by its id)."""
    m, n = data.methodology, data.narrative
    return {
        "framework": data.framework.id,
        "provider": {"name": data.provider.name, "kind": data.provider.kind},
        "dates": {
            "fieldwork_start": data.dates.fieldwork_start.isoformat(),
            "fieldwork_end": data.dates.fieldwork_end.isoformat(),
            "publication": data.dates.publication.isoformat() if data.dates.publication else None,
        },
        "lead_inspector": data.lead_inspector,
        "ratings": json.loads(json.dumps(data.ratings.as_dict())),
        "methodology": {
            "local_delivery_units": list(m.local_delivery_units),
            "samples": [
                {
                    "id": s.id,
                    "name": s.name,
                    "size": s.size,
                    "eligible_population": s.eligible_population,
                    "window_start": s.window_start.isoformat(),
                    "window_end": s.window_end.isoformat(),
                    "confidence": s.confidence,
                    "margin_of_error": s.margin_of_error,
                    "stratification": list(s.stratification),
                }
                for s in m.samples
            ],
            "interviews": m.interviews,
            "meetings": m.meetings,
        },
        "breakdowns": [
            {
                "group": b.group,
                "figures": [
                    {"question_id": f.question_id, "yes": f.yes, "no": f.no} for f in b.figures
                ],
            }
            for b in data.breakdowns
        ],
        "narrative": {
            "foreword": n.foreword,
            "overall_findings": n.overall_findings,
            "domains": [asdict(x) for x in n.domains],
            "standards": [asdict(x) for x in n.standards],
            "practice_examples": [asdict(x) for x in n.practice_examples],
            "recommendations": [asdict(x) for x in n.recommendations],
        },
        "case_identifiers": sorted(data.case_identifiers),
    }


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
