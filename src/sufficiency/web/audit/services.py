"""Recording audit events. Every part of the web adapter records through :func:`record`.

Changes that Django itself makes (a password, a user's roles and permissions, a role's
permissions, a lockout cleared) are recorded by the receivers in ``signals.py``, whoever makes
them: a page, the Django admin, a management command or a shell. They name the actor of the
moment: :func:`acting_as` says who that is (the request's user, set by ``AuditActorMiddleware``;
a service's caller), and outside any of these it is the command line's operating-system account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
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


_current_actor: ContextVar[Callable[[], Actor] | None] = ContextVar(
    "sufficiency_audit_actor", default=None
)


@contextmanager
def acting_as(actor: Actor | Callable[[], Actor]) -> Iterator[None]:
    """Within the block, changes recorded by the signal receivers name ``actor``.

    ``actor`` may be a callable, so that a request's lazily loaded user is read only if needed.
    """
    token = _current_actor.set(actor if callable(actor) else (lambda: actor))
    try:
        yield
    finally:
        _current_actor.reset(token)


def current_actor() -> Actor:
    """Who is acting now: as :func:`acting_as` says, or else the command line's account."""
    actor = _current_actor.get()
    return actor() if actor is not None else command_line_actor()


# Refused uploads of a published report keep the action they have always had.
_REFUSAL_ACTIONS = {"published report": Action.REPORT_REJECTED}


def record_refused_upload(actor: Actor, filename: str, reason: str, *, kind: str) -> AuditEvent:
    """An upload refused, whatever refused it: its form (``core.forms.GovukFormMixin`` records
    every error on a file field), its size (``core.middleware.RequestSizeLimitMiddleware``) or a
    service that reads it."""
    return record(
        actor,
        _REFUSAL_ACTIONS.get(kind, Action.UPLOAD_REFUSED),
        None,
        {"file": filename, "reason": reason, "kind": kind},
        object_type=f"upload.{kind}",
        object_repr=filename or kind,
    )


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
