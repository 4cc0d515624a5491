"""Who may do what with an inspection's results. Each check is made where the action happens."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from sufficiency.web.audit.services import Actor
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.permissions import acting_user, require, require_lead


def require_viewer(actor: Actor, inspection: Inspection) -> None:
    """Live results, breakdowns and exports: anyone who may see the inspection."""
    require(actor, "inspections.view_inspection", inspection)


def require_panel(actor: Actor, inspection: Inspection) -> None:
    """The ratings panel: the inspection's lead, and inspection managers (who see every HMIP
    inspection), with the role's permission."""
    require(actor, "results.decide_ratings", inspection)
    user = acting_user(actor)
    if user is None or user.is_superuser or user.pk == inspection.lead_id:
        return
    if not user.has_perm("inspections.view_all_inspections"):
        raise Refused(
            f"the ratings panel is the inspection's lead ({inspection.lead.get_username()}) and "
            "the inspection manager"
        )


def require_moderator(actor: Actor, inspection: Inspection) -> None:
    """Double marking and its comparison: the inspection's lead."""
    require_lead(actor, "results.double_mark", inspection)


def allowed(
    check: Callable[[Actor, Inspection], None],
    user: AbstractBaseUser | AnonymousUser,
    inspection: Inspection,
) -> bool:
    """Whether a check passes, for showing or hiding a link."""
    try:
        check(user, inspection)
    except Refused:
        return False
    return True
