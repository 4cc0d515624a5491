"""Ratings handed to the report from outside the engine, checked against the framework's rules.

A report data file carries the ratings as ``sufficiency rate --format json`` writes them. Before a
report prints them, the ratings engine's own rules (``calculated_rating``, ``overall_rating``)
are applied again, so a hand-edited file cannot carry a rating its figures do not give, or a
panel decision without its reason.
"""

from __future__ import annotations

from sufficiency.framework import Framework, RatedBy
from sufficiency.framework.problems import Problem
from sufficiency.ratings import RatingsResult, calculated_rating, overall_rating
from sufficiency.reporting.errors import problem


def check_ratings(framework: Framework, ratings: RatingsResult) -> list[Problem]:
    """Ratings that the framework's rules, applied by the ratings engine, do not give."""
    problems = []
    known = {q.id for q in ratings.key_questions}
    if known != set(framework.key_questions) or {s.id for s in ratings.standards} != set(
        framework.standards
    ):
        return [
            problem(
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
                problem(
                    f"{place}.calculated_rating",
                    f"standard {result.id}'s key question figures give {calculated}, not "
                    f"{result.calculated_rating}",
                )
            )
        adjusted = result.awarded_rating != calculated
        if result.panel_adjusted != adjusted:
            problems.append(
                problem(
                    f"{place}.panel_adjusted",
                    f"standard {result.id}: panel_adjusted must be {str(adjusted).lower()} when "
                    f"the awarded rating is {result.awarded_rating} and the calculated {calculated}",
                )
            )
        if adjusted and not (result.reason or "").strip():
            problems.append(
                problem(
                    f"{place}.reason",
                    f"the ratings panel's decision on standard {result.id} gives no reason; a "
                    "panel decision must record why it awards this rating",
                )
            )
    overall = overall_rating(framework, {s.id: s.awarded_rating for s in ratings.standards})
    if overall != ratings.overall:
        problems.append(
            problem(
                "ratings.overall",
                f"the awarded ratings give the overall {overall}, not {ratings.overall}",
            )
        )
    return problems
