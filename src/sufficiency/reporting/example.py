"""An invented inspection's report data, for demonstrations and benchmarks (synthetic throughout).

``example_report_data(cases, seed)``: an invented CRC, its cases split over the framework's
samples (three fifths case supervision, a quarter unpaid work, the rest Through the Gate) and over
five invented local delivery units; answers drawn at random (seeded) and rated by the ratings
engine; domain one judged Good; the ratings panel raising the lowest calculated rating by one
band, with its reason; a narrative of placeholder prose of realistic length. Identifiers are
invented (``CAS-0001``); nothing describes a real person or provider.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

from sufficiency.framework import Framework, RatedBy, Rating, load_framework
from sufficiency.ratings import Answer, Case, Decision, Judgement, rate
from sufficiency.reporting.data import (
    DomainNarrative,
    GroupBreakdown,
    GroupFigure,
    InspectionDates,
    Methodology,
    Narrative,
    PracticeExample,
    Provider,
    Recommendation,
    ReportData,
    SampleFacts,
    StandardNarrative,
)

UNITS = ("Northfold", "Southmere", "Eastwick", "Westhaven", "Midcombe")
SHARES = (0.6, 0.24, 0.16)  # of the cases, for the framework's samples in order (then equal)
PROSE = (
    "Inspectors found that responsible officers knew their cases well and took account of the "
    "service user's circumstances, although the quality of recording varied between teams and "
    "managers did not always check that risk of harm had been reviewed when things changed."
)
PANEL_REASON = "A marginal result affected by a small number of cases."


def example_report_data(cases: int = 250, seed: int = 7) -> ReportData:
    fw = load_framework("hmip-probation-2018")
    rng = random.Random(seed)  # noqa: S311 (reproducible invented data, not a secret)
    sizes = _sizes(fw, cases)
    inspected = [
        Case(f"{sample[:3].upper()}-{n:04d}", sample, rng.random() < 0.45)
        for sample, size in sizes.items()
        for n in range(1, size + 1)
    ]
    unit_of = {c.id: UNITS[rng.randrange(len(UNITS))] for c in inspected}
    answers = _answers(fw, inspected, rng)
    judgements = [
        Decision(s.id, Rating.GOOD, PROSE)
        for s in fw.standards.values()
        if s.rated_by is RatedBy.JUDGEMENT
    ]
    ratings = rate(
        fw, answers, [*judgements, *_panel(fw, answers, judgements, inspected)], inspected
    )
    return ReportData(
        provider=Provider(
            "Northfold and Eastwick Community Rehabilitation Company", _provider_kind(fw)
        ),
        dates=InspectionDates(date(2019, 2, 4), date(2019, 2, 15), date(2019, 6, 3)),
        framework=fw,
        ratings=ratings,
        methodology=Methodology(
            UNITS,
            tuple(
                SampleFacts(
                    sample.id,
                    sample.name,
                    sizes[sample.id],
                    sizes[sample.id] * 12,
                    date(2018, 7, 1),
                    date(2018, 7, 31),
                    fw.sampling.confidence if fw.sampling else 0.8,
                    fw.sampling.margin_of_error if fw.sampling else 0.05,
                    tuple(sample.strata),
                )
                for sample in fw.samples.values()
            ),
            interviews=round(cases * 0.75),
            meetings=22,
        ),
        narrative=_narrative(fw),
        breakdowns=_breakdowns(fw, answers, unit_of),
        case_identifiers=frozenset(c.id for c in inspected),
        lead_inspector="HM Inspector Robin Ashdown",
    )


def _sizes(fw: Framework, cases: int) -> dict[str, int]:
    """Cases per sample: the shares in order; the first sample takes what rounding leaves."""
    samples = list(fw.samples)
    shares = [*SHARES, *[SHARES[-1]] * max(0, len(samples) - len(SHARES))][: len(samples)]
    total = sum(shares)
    sizes = {
        s: max(1, round(cases * share / total)) for s, share in zip(samples, shares, strict=True)
    }
    sizes[samples[0]] += cases - sum(sizes.values())
    return sizes


def _provider_kind(fw: Framework) -> str:
    """The first kind of provider the framework's caseload declares (a CRC in 2018/19's)."""
    caseload = fw.sampling.caseload if fw.sampling else None
    column = caseload.column(caseload.provider) if caseload and caseload.provider else None
    return column.values[0].value if column and column.values else "provider"


def _answers(fw: Framework, inspected: list[Case], rng: random.Random) -> list[Answer]:
    answers = []
    for question in fw.key_questions.values():
        sample = fw.standard_of[question.id].sample
        share = rng.uniform(0.45, 0.9)
        for case in inspected:
            if case.sample != sample or (
                question.relevant_subsample_only and not case.rosh_relevant
            ):
                continue
            roll = rng.random()
            if roll > 0.97:
                judgement = Judgement.NOT_APPLICABLE
            else:
                judgement = Judgement.YES if roll < share else Judgement.NO
            answers.append(Answer(case.id, question.id, judgement))
    return answers


def _panel(
    fw: Framework, answers: list[Answer], judgements: list[Decision], inspected: list[Case]
) -> list[Decision]:
    """The ratings panel raising the lowest calculated rating by one band (none if Outstanding)."""
    first = rate(fw, answers, judgements, inspected)
    scores = fw.ratings.scores
    calculated = [s for s in first.standards if s.calculated_rating is not None]
    lowest = min(calculated, key=lambda s: scores[s.calculated_rating])  # type: ignore[index]
    assert lowest.calculated_rating is not None
    better = [r for r in scores if scores[r] == scores[lowest.calculated_rating] + 1]
    return [Decision(lowest.id, better[0], PANEL_REASON)] if better else []


def _breakdowns(
    fw: Framework, answers: list[Answer], unit_of: dict[str, str]
) -> tuple[GroupBreakdown, ...]:
    tally = Counter((unit_of[a.case_id], a.question_id, a.judgement) for a in answers)
    return tuple(
        GroupBreakdown(
            unit,
            tuple(
                GroupFigure(q, tally[unit, q, Judgement.YES], tally[unit, q, Judgement.NO])
                for q in fw.key_questions
            ),
        )
        for unit in UNITS
    )


def _narrative(fw: Framework) -> Narrative:
    three = "\n\n".join([PROSE] * 3)
    items = "\n".join(f"- {PROSE}" for _ in range(4))
    return Narrative(
        foreword=three,
        overall_findings=f"{three}\n\n{items}",
        domains=tuple(DomainNarrative(d.id, PROSE, items, items) for d in fw.domains),
        standards=tuple(StandardNarrative(s, three) for s in fw.standards),
        practice_examples=tuple(
            PracticeExample(s, "Good practice example", PROSE) for s in list(fw.standards)[4:8]
        ),
        recommendations=tuple(
            Recommendation("Northfold and Eastwick CRC", f"improve the quality of work, part {n}")
            for n in range(1, 7)
        ),
    )
