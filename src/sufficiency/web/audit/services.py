"""Recording audit events. Every part of the web adapter records through :func:`record`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from sufficiency.web.audit.models import Action, AuditEvent

# A signed-in user; an anonymous visitor; a named non-web actor such as "command line (alice)";
# or None for the system itself.
Actor = AbstractBaseUser | AnonymousUser | str | None


def user_or_none(actor: Actor) -> User | None:
    """The signed-in user behind an actor, or None for the system or an anonymous visitor."""
    return actor if isinstance(actor, User) and actor.pk is not None else None


def actor_name_of(actor: Actor) -> str:
    """The name recorded for an actor that is not a signed-in user."""
    return actor[:150] if isinstance(actor, str) else ""


def command_line_actor() -> str:
    """Who runs a `sufficiency` command: the operating-system account, as the audit log names it."""
    import getpass

    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        who = "unknown user"
    return f"command line ({who})"


def record(
    actor: Actor,
    action: Action,
    obj: models.Model | None = None,
    detail: Mapping[str, Any] | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Append one event: ``actor`` did ``action`` to ``obj`` (or the object named by keywords)."""
    user = user_or_none(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else actor_name_of(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        detail=dict(detail or {}),
    )
