"""Who may act on a case: its inspector records it; the inspection's lead moderates it."""

from __future__ import annotations

from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.audit.services import Actor
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.models import InspectionStatus
from sufficiency.web.inspections.permissions import acting_user, require, require_lead

# Where cases are recorded and moderated.
ASSESSING: frozenset[str] = frozenset({InspectionStatus.FIELDWORK, InspectionStatus.MODERATION})


def _require_assessing(case: CaseAssessment) -> None:
    if case.inspection.status not in ASSESSING:
        raise Refused(
            f"the inspection is in {case.inspection.get_status_display().lower()}; "
            "cases are recorded in fieldwork and moderation"
        )


def require_case_inspector(case: CaseAssessment, actor: Actor) -> None:
    """Refuse unless the actor is the case's assigned inspector (with the role's permission)."""
    require(actor, "assessments.assess_case", case.inspection)
    user = acting_user(actor)
    if user is not None and user.pk != case.assigned_to_id:
        raise Refused("only the case's assigned inspector may record it")
    _require_assessing(case)


def require_case_lead(case: CaseAssessment, actor: Actor) -> None:
    """Refuse unless the actor leads the case's inspection (with the role's permission)."""
    require_lead(actor, "assessments.moderate_case", case.inspection)
    _require_assessing(case)
