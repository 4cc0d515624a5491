"""The ratings panel: awarding a rating other than the calculated one needs grounds and a reason.

The panel (lead inspector and inspection manager) sees every case-data standard with its
calculated rating and borderline flag, and records the awarded rating. Where the two differ, the
panel names its grounds (a marginal result from few cases, wider evidence, or other) and writes
the reason that becomes the report's footnote. The engine (``ratings.engine.rate``) keeps both
ratings; it asks every panel decision for a reason, and this module adds the grounds.
"""

from __future__ import annotations

from collections.abc import Sequence

from sufficiency.framework import Framework, RatedBy, Rating
from sufficiency.ratings.model import Decision, InputProblem, RatingsResult


def check_panel_decision(
    framework: Framework, calculated: Rating | None, decision: Decision
) -> list[InputProblem]:
    """Every reason a panel decision on a case-data standard cannot be recorded, or none."""
    standard = framework.standards.get(decision.standard_id)
    if standard is None:
        return [
            InputProblem.at(
                decision.origin,
                f"unknown standard {decision.standard_id!r}: framework {framework.id} has no such "
                "standard",
                "standard_id",
            )
        ]
    if standard.rated_by is not RatedBy.CASE_DATA:
        return [
            InputProblem.at(
                decision.origin,
                f"standard {standard.id} is rated by the inspectors' judgement (domain one), not "
                "by the ratings panel",
                "standard_id",
            )
        ]
    problems = []
    if decision.rating != calculated:
        if decision.grounds is None:
            problems.append(
                InputProblem.at(
                    decision.origin,
                    f"the panel awards {standard.id} {decision.rating}, not the calculated "
                    f"{calculated or 'rating (there is none yet)'}: choose the grounds",
                    "grounds",
                )
            )
        if not decision.reason.strip():
            problems.append(
                InputProblem.at(
                    decision.origin,
                    f"the panel awards {standard.id} {decision.rating}, not the calculated "
                    f"{calculated or 'rating (there is none yet)'}: give the reason for the "
                    "report's footnote",
                    "reason",
                )
            )
    elif decision.grounds is not None:
        problems.append(
            InputProblem.at(
                decision.origin,
                f"the panel awards {standard.id} its calculated rating, {calculated}; grounds are "
                "given only for a rating that differs from it",
                "grounds",
            )
        )
    return problems


def panel_problems(
    framework: Framework, result: RatingsResult, decisions: Sequence[Decision]
) -> list[InputProblem]:
    """Every problem with the panel's decisions against the calculated ratings in ``result``.

    Decisions on judgement standards (domain one) are the inspectors', and are not checked here.
    """
    problems: list[InputProblem] = []
    for decision in decisions:
        standard = framework.standards.get(decision.standard_id)
        if standard is not None and standard.rated_by is RatedBy.CASE_DATA:
            calculated = result.standard(standard.id).calculated_rating
            problems += check_panel_decision(framework, calculated, decision)
    return problems
