"""The API's use of the core ratings engine: JSON in, the engine's own JSON contract out."""

from __future__ import annotations

from dataclasses import replace

from sufficiency.framework import Rating
from sufficiency.framework.problems import Problem
from sufficiency.ratings import (
    Answer,
    Case,
    Decision,
    Judgement,
    RatingsInputError,
    parse_rating,
    rate,
)
from sufficiency.web.api.schemas import RatingsIn
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.frameworks import services as framework_services

REQUEST = "request body"  # the source a problem in the JSON body names


class RatingsRequestError(Exception):
    """A ratings request that cannot be rated: ``problems`` in the core's one shape."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")

    def as_list(self) -> list[dict[str, str | int | None]]:
        return [p.as_dict() for p in self.problems]


def rate_request(payload: RatingsIn, actor: Actor = None) -> dict[str, object]:
    version = framework_services.version_or_error(payload.framework, payload.version)
    framework = framework_services.framework_of(version)
    problems: list[Problem] = []
    answers: list[Answer] = []
    for i, a in enumerate(payload.answers):
        try:
            judgement = Judgement.parse(a.answer)
        except ValueError:
            problems.append(
                Problem(
                    source=REQUEST,
                    field=f"answers[{i}].answer",
                    value=a.answer,
                    reason="not one of yes, no, n/a",
                )
            )
            continue
        answers.append(Answer(a.case_id, a.question_id, judgement))
    decisions: list[Decision] = []
    for i, d in enumerate(payload.decisions):
        rating = parse_rating(d.rating)
        if rating is None:
            problems.append(
                Problem(
                    source=REQUEST,
                    field=f"decisions[{i}].rating",
                    value=d.rating,
                    reason=f"not one of {', '.join(r.value for r in Rating)}",
                )
            )
            continue
        decisions.append(Decision(d.standard_id, rating, d.reason))
    if problems:
        raise RatingsRequestError(problems)
    cases = (
        [Case(c.id, c.sample, c.rosh_relevant) for c in payload.cases]
        if payload.cases is not None
        else None
    )
    try:
        result = rate(framework, answers, decisions, cases)
    except RatingsInputError as exc:
        raise RatingsRequestError(
            [replace(p, source=p.source or REQUEST) for p in exc.problems]
        ) from None
    record(
        actor,
        Action.RATINGS_CALCULATED,
        version,
        {"answers": len(answers), "decisions": len(decisions), "via": "api"},
    )
    used = {"id": version.framework_id, "version": version.version, "pk": version.pk}
    return {"framework": used, **result.as_dict()}
