"""A parsed report checked against the framework's rules, with the ratings engine.

For each case-data standard the calculated rating is recomputed from the report's key question
figures (``sufficiency.ratings.calculated_rating``) and set beside the awarded rating: consistent,
a ratings-panel adjustment the report explains in a footnote, or an unexplained inconsistency.
The overall rating is recomputed from the awarded ratings (``sufficiency.ratings.overall_rating``).
Key questions the framework has for a rated standard but the report lacks are listed. A standard
the framework does not have (an NPS division's 3.1 and 3.2 under the CRC framework) is not checked,
and neither is the overall rating then: a warning says so, rather than the check failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sufficiency.framework import Framework, RatedBy, Rating
from sufficiency.published.model import (
    Checks,
    CheckStatus,
    KeyQuestionFigure,
    OverallCheck,
    StandardCheck,
    StandardRating,
)
from sufficiency.ratings import calculated_rating, overall_rating


def run_checks(
    framework: Framework,
    standards: Sequence[StandardRating],
    key_questions: Sequence[KeyQuestionFigure],
    overall: Rating,
    explanations: Mapping[str, str],
    warnings: Sequence[str] = (),
) -> Checks:
    """Check awarded ratings against the figures; ``explanations`` maps a standard id to the
    report's text explaining a ratings-panel decision on it."""
    percents = {q.id: q.percent_yes for q in key_questions}
    checked: list[StandardCheck] = []
    missing: list[str] = []
    unknown = [s for s in standards if s.id not in framework.standards]
    notes = list(warnings)
    if unknown:
        listed = ", ".join(f"{s.id} ({s.name})" for s in unknown)
        notes.append(
            f"not checked: standard(s) {listed} are not in framework {framework.id}, so neither "
            "their ratings nor the overall rating can be checked"
        )
    for rated in standards:
        standard = framework.standards.get(rated.id)
        if standard is None or standard.rated_by is not RatedBy.CASE_DATA:
            continue
        missing += [q.id for q in standard.key_questions if q.id not in percents]
        figures = {q.id: percents[q.id] for q in standard.key_questions if q.id in percents}
        if not figures:
            checked.append(
                StandardCheck(
                    rated.id,
                    rated.name,
                    rated.rating,
                    None,
                    None,
                    None,
                    CheckStatus.NOT_CHECKED,
                    None,
                )
            )
            continue
        calculated, driving = calculated_rating(framework, standard, figures)
        explanation = None
        if calculated == rated.rating:
            status = CheckStatus.CONSISTENT
        elif rated.id in explanations:
            status, explanation = CheckStatus.PANEL_ADJUSTMENT, explanations[rated.id]
        else:
            status = CheckStatus.UNEXPLAINED
        checked.append(
            StandardCheck(
                rated.id,
                rated.name,
                rated.rating,
                calculated,
                driving,
                figures[driving],
                status,
                explanation,
            )
        )
    result = overall_rating(framework, {s.id: s.rating for s in standards})
    overall_check = OverallCheck(
        awarded=overall,
        score=None if result is None else result.score,
        calculated=None if result is None else result.rating,
        consistent=None if result is None else result.rating == overall,
    )
    return Checks(framework.id, tuple(checked), overall_check, tuple(missing), tuple(notes))
