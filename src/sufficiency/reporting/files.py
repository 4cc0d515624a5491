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
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sufficiency.framework import Framework, FrameworkError, load_framework
from sufficiency.framework.problems import dotted
from sufficiency.ratings import KeyQuestionResult, Overall, RatingsResult, StandardResult
from sufficiency.reporting import data as d
from sufficiency.reporting import schema
from sufficiency.reporting.errors import ReportError, problem
from sufficiency.reporting.ratings_check import check_ratings

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report's data is a few hundred kilobytes


def read_report_data(path: Path, load: Callable[[str], Framework] = load_framework) -> d.ReportData:
    """The report data in a JSON file; ``ReportError`` naming every problem's field."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReportError(
            [problem("file", f"cannot read it: {exc.strerror}", source=source)]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ReportError(
            [problem("file", f"larger than {MAX_FILE_BYTES // 2**20} MB", source=source)]
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
        raise ReportError([problem("file", f"not JSON: {exc}", source=source)]) from None
    try:
        model = schema.ReportFileModel.model_validate(document)
    except ValidationError as exc:
        raise ReportError(
            [
                problem(dotted(tuple(err["loc"])) or "file", err["msg"], _shown(err), source)
                for err in exc.errors()
            ]
        ) from None
    try:
        framework = load(model.framework)
    except FrameworkError as exc:
        raise ReportError(
            [problem("framework", str(p), model.framework, source) for p in exc.problems]
        ) from None
    ratings = _ratings(model.ratings)
    problems = check_ratings(framework, ratings)
    if problems:
        raise ReportError([replace(p, source=source) for p in problems])
    return _report_data(model, framework, ratings)


def _ratings(model: schema.RatingsModel) -> RatingsResult:
    return RatingsResult(
        key_questions=tuple(KeyQuestionResult(**q.model_dump()) for q in model.key_questions),
        standards=tuple(StandardResult(**s.model_dump()) for s in model.standards),
        overall=Overall(model.overall.score, model.overall.rating) if model.overall else None,
    )


def _report_data(
    model: schema.ReportFileModel, framework: Framework, ratings: RatingsResult
) -> d.ReportData:
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


def _shown(error: Any) -> str | None:
    """The value a validation error is about, when it is one plain value."""
    found = error.get("input")
    return str(found) if isinstance(found, str | int | float | bool) else None
