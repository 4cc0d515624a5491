"""An invented inspection, rated by the engine from generated answers, as report data.

Fenmarsh Community Rehabilitation Company: 100 case supervision cases (40 in the relevant
sub-sample), 36 unpaid work and 15 Through the Gate cases; domain one judged by the inspectors;
the ratings panel raising 2.4 (Reviewing) from Inadequate, with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from inspection_builders import answer, cases
from sufficiency.framework import Framework, Rating, load_framework
from sufficiency.ratings import Answer, Case, Decision, RatingsResult, rate
from sufficiency.reporting import (
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

FRAMEWORK = load_framework("hmip-probation-2018")
PANEL_REASON = (
    "This was a marginal result affected by a small number of cases, and the wider evidence "
    "of reviewing seen in interviews supports the higher rating"
)
# key question → (yes, no, n/a) over its sample (or the relevant sub-sample)
FIGURES = {
    "2.1.1": (82, 18, 0),
    "2.1.2": (73, 27, 0),
    "2.1.3": (59, 41, 0),
    "2.2.1": (77, 23, 0),
    "2.2.2": (67, 33, 0),
    "2.2.3": (21, 19, 0),  # 53% of the 40 cases in the relevant sub-sample
    "2.3.1": (75, 25, 0),
    "2.3.2": (51, 49, 0),
    "2.3.3": (26, 14, 0),  # 65%
    "2.4.1": (76, 20, 4),  # 79% of 96
    "2.4.2": (71, 29, 0),
    "2.4.3": (19, 21, 0),  # 48%: Inadequate, raised by the panel
    "4.1.1": (31, 5, 0),  # 86%
    "4.1.2": (25, 11, 0),  # 69%
    "4.1.3": (26, 10, 0),  # 72%
    "4.1.4": (24, 12, 0),  # 67%
    "4.2.1": (10, 5, 0),  # 67%
    "4.2.2": (11, 4, 0),  # 73%
    "4.2.3": (12, 3, 0),  # 80%
}
SIZES = {"case_supervision": 100, "unpaid_work": 36, "through_the_gate": 15}
UNITS = ("Fenmarsh North", "Fenmarsh South", "Westvale")


def inspected_cases() -> list[Case]:
    return (
        cases("case_supervision", 100, rosh_relevant=40, prefix="FEN")
        + cases("unpaid_work", 36, prefix="UPW")
        + cases("through_the_gate", 15, prefix="TTG")
    )


def answers_for(all_cases: list[Case]) -> list[Answer]:
    out: list[Answer] = []
    for question_id, (yes, no, na) in FIGURES.items():
        question = FRAMEWORK.key_questions[question_id]
        sample = FRAMEWORK.standard_of[question_id].sample
        of = [
            c
            for c in all_cases
            if c.sample == sample and (c.rosh_relevant or not question.relevant_subsample_only)
        ]
        out += answer(question_id, of, yes, no, na)
    return out


def decisions(panel: bool = True) -> list[Decision]:
    judgements = [
        Decision("1.1", Rating.GOOD, "Leaders are visible and the strategy is understood."),
        Decision("1.2", Rating.REQUIRES_IMPROVEMENT, "Caseloads are too high in two teams."),
        Decision("1.3", Rating.GOOD, "A wide range of services is in place."),
        Decision("1.4", Rating.GOOD, "Offices and systems support the work."),
    ]
    return judgements + (
        [Decision("2.4", Rating.REQUIRES_IMPROVEMENT, PANEL_REASON)] if panel else []
    )


def narrative() -> Narrative:
    return Narrative(
        foreword=(
            "This is the first inspection of Fenmarsh under the new standards.\n\n"
            "We found committed staff, and work to protect the public that must improve."
        ),
        overall_findings=(
            "Our key findings were as follows:\n"
            "- leaders are visible and well regarded\n"
            "- work to keep other people safe is not good enough"
        ),
        domains=(
            DomainNarrative(
                "2",
                summary="Case supervision needs to improve.",
                strengths="- Assessments engage the service user well.",
                areas_for_improvement="- Too few plans focus on keeping other people safe.",
            ),
        ),
        standards=(
            StandardNarrative("2.1", "Assessments were mostly thorough.\n\nRisk was missed."),
        ),
        practice_examples=(
            PracticeExample(
                "2.1",
                "Engaging a reluctant service user",
                "The responsible officer visited at home and adapted the plan to shift work.",
            ),
        ),
        recommendations=(
            Recommendation("Fenmarsh CRC", "improve the focus on keeping other people safe"),
            Recommendation("Fenmarsh CRC", "reduce the caseloads of responsible officers"),
            Recommendation(
                "HM Prison and Probation Service", "review the through the gate contract"
            ),
        ),
    )


def breakdowns() -> tuple[GroupBreakdown, ...]:
    shares = {"Fenmarsh North": (0, 45), "Fenmarsh South": (45, 97), "Westvale": (97, 100)}
    out = []
    all_cases = inspected_cases()
    by_case = {c.id: c for c in all_cases}
    rows = answers_for(all_cases)
    for unit, (start, end) in shares.items():
        figures = []
        for question_id in FRAMEWORK.key_questions:
            picked = [
                a
                for a in rows
                if a.question_id == question_id
                and start <= int(by_case[a.case_id].id.split("-")[1]) < end
            ]
            figures.append(
                GroupFigure(
                    question_id,
                    sum(a.judgement == "yes" for a in picked),
                    sum(a.judgement == "no" for a in picked),
                )
            )
        out.append(GroupBreakdown(unit, tuple(figures)))
    return tuple(out)


def sample_facts() -> tuple[SampleFacts, ...]:
    names = {
        "case_supervision": "Case supervision",
        "unpaid_work": "Unpaid work",
        "through_the_gate": "Through the Gate",
    }
    populations = {"case_supervision": 1843, "unpaid_work": 412, "through_the_gate": 97}
    return tuple(
        SampleFacts(
            id=sample.id,
            name=names[sample.id],
            size=SIZES[sample.id],
            eligible_population=populations[sample.id],
            window_start=date(2018, 6, 1),
            window_end=date(2018, 6, 30),
            confidence=0.8,
            margin_of_error=0.05,
            stratification=tuple(sample.strata),
        )
        for sample in FRAMEWORK.sampling.samples  # type: ignore[union-attr]
    )


def report_data(panel: bool = True, **changes: Any) -> ReportData:
    """The invented inspection's report data; ``panel=False``: no ratings panel decision."""
    all_cases = inspected_cases()
    data = ReportData(
        provider=Provider("Fenmarsh Community Rehabilitation Company", "CRC"),
        dates=InspectionDates(date(2018, 11, 5), date(2018, 11, 16), date(2019, 3, 12)),
        framework=FRAMEWORK,
        ratings=rate(FRAMEWORK, answers_for(all_cases), decisions(panel), all_cases),
        methodology=Methodology(UNITS, sample_facts(), interviews=87, meetings=14),
        narrative=narrative(),
        breakdowns=breakdowns(),
        case_identifiers=frozenset(c.id for c in all_cases) | {"Jordan Castellane"},
        lead_inspector="HM Inspector Alex Marlowe",
    )
    return replace(data, **changes)


@pytest.fixture(scope="session")
def framework() -> Framework:
    return FRAMEWORK


@pytest.fixture(scope="session")
def make_data() -> Callable[..., ReportData]:
    return report_data


@pytest.fixture(scope="session")
def rate_with() -> Callable[[list[Decision]], RatingsResult]:
    """The invented inspection's answers rated with other decisions."""

    def rated(chosen: list[Decision]) -> RatingsResult:
        all_cases = inspected_cases()
        return rate(FRAMEWORK, answers_for(all_cases), chosen, all_cases)

    return rated


@pytest.fixture(scope="session")
def judgements() -> list[Decision]:
    return decisions(panel=False)


@pytest.fixture(scope="session")
def recorded() -> tuple[list[Case], list[Answer], list[Decision]]:
    """The invented inspection's cases, answers and decisions, as the engine takes them."""
    all_cases = inspected_cases()
    return all_cases, answers_for(all_cases), decisions()
