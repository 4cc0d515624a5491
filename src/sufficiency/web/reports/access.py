"""Who sees an inspection's report, and who may write, comment on and publish it.

- Whoever may see the inspection (``inspections.visibility``) sees its report.
- A provider's quality team also sees HMIP's report of its own provider once the draft is sent
  for the factual accuracy check (and after publication), and comments on it while the check
  lasts (``reports.comment_on_draft``). Never another provider's.
- The inspection's lead, and the inspection manager (who sees every HMIP inspection), write the
  narrative and move the report on (``reports.write_report``), as they sit on the ratings panel;
  the lead publishes or reissues it (``reports.publish_report``). A self-audit's report is not
  written here (its quality team holds neither permission).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User

from sufficiency.web.audit.services import Actor
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.permissions import acting_user, require, require_lead
from sufficiency.web.inspections.visibility import can_see, visible_inspections
from sufficiency.web.reports.models import InspectionReport, ReportStatus

WRITE = "reports.write_report"
PUBLISH = "reports.publish_report"
COMMENT = "reports.comment_on_draft"
SHOWN_TO_PROVIDER = (ReportStatus.FACTUAL_ACCURACY, ReportStatus.PUBLISHED)


def status_of(inspection: Inspection) -> str:
    report = InspectionReport.objects.filter(inspection=inspection).only("status").first()
    return report.status if report else ReportStatus.DRAFT


def is_providers_reader(user: AbstractBaseUser | AnonymousUser, inspection: Inspection) -> bool:
    """A member of the inspected provider's quality team, once its report is shown to it."""
    return (
        isinstance(user, User)
        and user.is_active
        and inspection.provider.quality_team_members.filter(pk=user.pk).exists()
        and status_of(inspection) in SHOWN_TO_PROVIDER
    )


def may_see(user: AbstractBaseUser | AnonymousUser, inspection: Inspection) -> bool:
    return can_see(user, inspection) or is_providers_reader(user, inspection)


def inspection_for(user: AbstractBaseUser | AnonymousUser, inspection_id: int) -> Inspection | None:
    """The inspection whose report ``user`` may see, or None."""
    inspection = visible_inspections(user).filter(pk=inspection_id).first()
    if inspection is not None:
        return inspection
    other = Inspection.objects.select_related("provider", "framework", "lead")
    inspection = other.filter(pk=inspection_id).first()
    return inspection if inspection and is_providers_reader(user, inspection) else None


def require_reader(actor: Actor, inspection: Inspection) -> None:
    user = acting_user(actor)
    if user is None and isinstance(actor, str | type(None)):
        return  # the command line: the operator's
    if user is None or not may_see(user, inspection):
        raise Refused("you do not have access to this inspection's report")


def _require_lead_or_manager(actor: Actor, permission: str, inspection: Inspection) -> None:
    require(actor, permission, inspection)
    user = acting_user(actor)
    if user is None or user.is_superuser or user.pk == inspection.lead_id:
        return
    if not user.has_perm("inspections.view_all_inspections"):
        raise Refused(
            f"the report is the inspection's lead's ({inspection.lead.get_username()}) and the "
            "inspection manager's"
        )


def require_writer(actor: Actor, inspection: Inspection) -> None:
    _require_lead_or_manager(actor, WRITE, inspection)


def require_publisher(actor: Actor, inspection: Inspection) -> None:
    require_lead(actor, PUBLISH, inspection)


def require_commenter(actor: Actor, inspection: Inspection) -> None:
    user = acting_user(actor)
    if user is None or not user.has_perm(COMMENT):
        raise Refused("only the provider's quality team comments on the draft report")
    if not inspection.provider.quality_team_members.filter(pk=user.pk).exists():
        raise Refused("you are not on this provider's quality team")
    if status_of(inspection) != ReportStatus.FACTUAL_ACCURACY:
        raise Refused("comments are taken only during the factual accuracy check")
