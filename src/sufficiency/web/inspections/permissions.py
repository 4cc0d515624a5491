"""The checks each inspection action makes: a role-table permission, then the object rule."""

from __future__ import annotations

from django.contrib.auth.models import User

from sufficiency.web.audit.services import Actor
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.visibility import can_see


def acting_user(actor: Actor) -> User | None:
    """The user behind an actor; None for the system or a command line (trusted callers)."""
    return actor if isinstance(actor, User) else None


def require(actor: Actor, permission: str, inspection: Inspection | None = None) -> None:
    """Refuse unless the actor holds ``permission`` and can see ``inspection``.

    Command-line and system actors (a name or None) are the operator's and pass.
    """
    user = acting_user(actor)
    if user is None and not isinstance(actor, str | type(None)):
        raise Refused("you must sign in to do this")
    if user is None:
        return
    if not user.has_perm(permission):
        raise Refused("you do not have permission to do this")
    if inspection is not None and not can_see(user, inspection):
        raise Refused("you do not have access to this inspection")


def require_lead(actor: Actor, permission: str, inspection: Inspection) -> None:
    """As ``require``, and the actor must be the inspection's lead."""
    require(actor, permission, inspection)
    user = acting_user(actor)
    if user is not None and user.pk != inspection.lead_id and not user.is_superuser:
        raise Refused(f"only the inspection's lead ({inspection.lead.get_username()}) may do this")
