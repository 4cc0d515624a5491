"""Assigning inspected cases to the inspection's inspectors: one by one, or balanced in bulk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction

from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.models import Inspection, InspectionStatus
from sufficiency.web.inspections.permissions import require_lead

OPEN_FOR_ASSIGNMENT = (InspectionStatus.PLANNING, InspectionStatus.FIELDWORK)


def team_of(inspection: Inspection) -> list[User]:
    """Who may be assigned cases: the lead and the inspectors, by username."""
    team = {inspection.lead, *inspection.inspectors.all()}
    return sorted(team, key=lambda u: u.get_username())


def _check(inspection: Inspection, actor: Actor) -> None:
    require_lead(actor, "inspections.manage_inspection", inspection)
    if inspection.status not in OPEN_FOR_ASSIGNMENT:
        raise Refused("cases are assigned in planning and fieldwork")


def assign_case(case: CaseAssessment, inspector: User | None, *, actor: Actor) -> None:
    """Give a case to an inspector of the team (None: take it back). A case already started
    moves with its draft; a submitted or locked one stays with its inspector."""
    _check(case.inspection, actor)
    if inspector is not None and inspector not in team_of(case.inspection):
        raise Refused(f"{inspector.get_username()} is not on this inspection's team")
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if current.status not in (CaseStatus.NOT_STARTED, CaseStatus.DRAFT):
            raise Refused("a submitted case stays with the inspector who submitted it")
        before = current.assigned_to.get_username() if current.assigned_to else None
        CaseAssessment.objects.filter(pk=current.pk).update(assigned_to=inspector)
        record(
            actor,
            Action.CASE_ASSIGNED,
            current,
            {"from": before, "to": inspector.get_username() if inspector else None},
        )
    case.refresh_from_db()


def assign_balanced(
    inspection: Inspection, *, inspectors: Sequence[User] | None = None, actor: Actor
) -> int:
    """Assign every unassigned case, sample by sample, to whichever of ``inspectors`` (default:
    the team's inspectors, else the lead) has fewest cases so far. Returns how many."""
    _check(inspection, actor)
    people = list(inspectors) if inspectors is not None else list(inspection.inspectors.all())
    people = people or [inspection.lead]
    team = team_of(inspection)
    outsiders = [u.get_username() for u in people if u not in team]
    if outsiders:
        raise Refused(f"not on this inspection's team: {', '.join(outsiders)}")
    people.sort(key=lambda u: u.get_username())
    with transaction.atomic():
        cases = list(
            CaseAssessment.objects.select_for_update()
            .filter(inspection=inspection)
            .order_by("sampled_case__sample_id", "sampled_case__order")
        )
        load = Counter(c.assigned_to_id for c in cases if c.assigned_to_id is not None)
        given: Counter[str] = Counter()
        for case in cases:
            if case.assigned_to_id is not None:
                continue
            person = min(people, key=lambda u: (load[u.pk], people.index(u)))
            load[person.pk] += 1
            given[person.get_username()] += 1
            CaseAssessment.objects.filter(pk=case.pk).update(assigned_to=person)
        if given:
            record(
                actor, Action.CASE_ASSIGNED, inspection, {"balanced": dict(sorted(given.items()))}
            )
    return sum(given.values())
