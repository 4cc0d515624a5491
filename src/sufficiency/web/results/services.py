"""Live results of an inspection, computed from its recorded answers by the ratings core.

``live`` is the one flow: the recorded cases, the counting rule, the domain-one judgements and
the panel's decisions, through ``ratings.counting.rate_recorded`` (the engine's ``rate``). The
API's ratings, the exports and the pages all come from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sufficiency.framework import Framework, RatedBy, Rating
from sufficiency.ratings import Answer, Decision, Judgement, PanelGrounds, RatingsResult
from sufficiency.ratings.breakdowns import GroupFigure, Grouping, breakdown
from sufficiency.ratings.consistency import Agreement, MarkedAnswer, consistency
from sufficiency.ratings.counting import Counting, count_cases, rate_recorded
from sufficiency.ratings.exports import EngineFiles, inspection_files
from sufficiency.ratings.prompts import PromptResult, prompt_results
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.results import recorded as recorded_cases
from sufficiency.web.results.models import RatingsPanel, SecondAnswer, StandardDecision
from sufficiency.web.results.permissions import require_moderator, require_viewer


@dataclass(frozen=True)
class LiveResults:
    framework: Framework
    result: RatingsResult
    counting: Counting
    recorded: recorded_cases.Recorded
    decisions: tuple[StandardDecision, ...]  # as recorded, for the pages

    def prompts(self) -> tuple[PromptResult, ...]:
        counted = self.counting.prompt_answers_of_counted(
            self.framework, self.recorded.prompt_answers
        )
        return prompt_results(self.framework, counted)

    def stale(self) -> list[str]:
        """Standards whose calculated rating has changed since the panel decided on them."""
        return [
            d.standard_id
            for d in self.decisions
            if self.framework.standards[d.standard_id].rated_by is RatedBy.CASE_DATA
            and (d.calculated_rating or None)
            != self.result.standard(d.standard_id).calculated_rating
        ]


def panel_of(inspection: Inspection) -> RatingsPanel | None:
    return RatingsPanel.objects.filter(inspection=inspection).first()


def recorded_decisions(inspection: Inspection) -> tuple[StandardDecision, ...]:
    return tuple(StandardDecision.objects.filter(panel__inspection=inspection))


def engine_decisions(framework: Framework, rows: tuple[StandardDecision, ...]) -> list[Decision]:
    """The decisions the engine takes: every domain-one judgement, and every panel decision that
    gives a reason (a decision confirming the calculated rating without one changes nothing)."""
    out = []
    for row in rows:
        standard = framework.standards.get(row.standard_id)
        if standard is None:
            continue
        if standard.rated_by is RatedBy.JUDGEMENT or row.reason.strip():
            out.append(
                Decision(
                    row.standard_id,
                    Rating(row.rating),
                    row.reason,
                    grounds=PanelGrounds(row.grounds) if row.grounds else None,
                )
            )
    return out


def live(inspection: Inspection) -> LiveResults:
    """The inspection's results now: counted cases only, decisions applied."""
    data = recorded_cases.read(inspection)
    rows = recorded_decisions(inspection)
    decisions = engine_decisions(data.framework, rows)
    result, counting = rate_recorded(data.framework, data.cases, data.answers, decisions)
    return LiveResults(data.framework, result, counting, data, rows)


def ratings(inspection: Inspection, *, actor: Actor) -> dict[str, object]:
    """Exactly ``sufficiency rate --format json`` for the counted cases with the decisions."""
    require_viewer(actor, inspection)
    return live(inspection).result.as_dict()


def files(inspection: Inspection, *, actor: Actor) -> EngineFiles:
    """answers.csv, cases.csv and decisions.csv: ``sufficiency rate`` on them gives ``ratings``."""
    require_viewer(actor, inspection)
    data = recorded_cases.read(inspection)
    decisions = engine_decisions(data.framework, recorded_decisions(inspection))
    return inspection_files(data.framework, data.cases, data.answers, decisions)


def record_export(inspection: Inspection, name: str, *, actor: Actor) -> None:
    record(actor, Action.RESULTS_EXPORTED, inspection, {"file": name})


def breakdown_by(
    inspection: Inspection, grouping: Grouping, *, actor: Actor
) -> tuple[GroupFigure, ...]:
    """Every key question's figure per group of the counted cases; small groups suppressed."""
    require_viewer(actor, inspection)
    data = recorded_cases.read(inspection)
    counting = count_cases(data.cases)
    return breakdown(
        data.framework,
        counting.counted,
        counting.answers_of_counted(data.framework, data.answers),
        data.groups[grouping],
        order=data.order.get(grouping, ()),
    )


def agreement(inspection: Inspection, *, actor: Actor) -> tuple[Agreement, ...]:
    """Consistency between each double-marked case's inspector and its second marker, per key
    question and inspector pair (the lead's: it shows both inspectors' answers)."""
    require_moderator(actor, inspection)
    data = recorded_cases.read(inspection)
    key_of_pk = {pk: key for key, pk in data.assessment_ids.items()}
    rows = SecondAnswer.objects.filter(marking__case__inspection=inspection).select_related(
        "marking__inspector"
    )
    second = [
        MarkedAnswer(
            Answer(key_of_pk[row.marking.case_id][0], row.question_id, Judgement(row.judgement)),
            row.marking.inspector.get_username(),
        )
        for row in rows
    ]
    marked = {key_of_pk[row.marking.case_id] for row in rows}
    first = [
        MarkedAnswer(a, data.inspectors[data.key_of(a)])
        for a in data.answers
        if data.key_of(a) in marked
    ]
    return consistency(data.framework, first, second)
