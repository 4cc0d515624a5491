"""Changes Django makes are audit events, whoever makes them and however.

Sign-in, sign-out, failed sign-in and lockout (Django's and django-axes' signals); and every change
to who may do what: a user created, deleted, activated or made staff; a password set; a user's
roles (groups) or own permissions; a role's permissions; a role created or deleted; a lockout
cleared; a user's provider changed. These receivers fire for a page, the Django admin, a management command or a shell alike,
so nothing that changes access has to remember to record it. The actor is
``services.current_actor()``.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from sufficiency.web.accounts.models import Profile
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import current_actor, record
from sufficiency.web.core.client import client_ip

# The account flags whose change is an audit event ("is_active" is access; the others are power).
ACCOUNT_FLAGS = ("is_active", "is_staff", "is_superuser")


def _client(request: HttpRequest | None) -> dict[str, str]:
    if request is None:
        return {}
    return {"ip": client_ip(request)}


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    record(user, Action.LOGIN, user, _client(request))


@receiver(user_logged_out)
def _logged_out(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is not None:
        record(user, Action.LOGOUT, user, _client(request))


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The username tried, never the password (Django has already masked it, but be explicit).
    tried = str(credentials.get("username", ""))[:150]
    record(None, Action.LOGIN_FAILED, None, {"username": tried, **_client(request)})


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    record(
        None,
        Action.LOGIN_LOCKED_OUT,
        None,
        {"username": str(username or "")[:150], "ip": str(ip_address or "")},
    )


# -- Accounts: users, passwords, roles and permissions ------------------------------------------


@receiver(pre_save, sender=User)
def _remember_account(sender: type[User], instance: User, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    watched = {"password", *ACCOUNT_FLAGS}
    if instance.pk is None or (fields is not None and not watched & set(fields)):
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    before = User.objects.filter(pk=instance.pk).values("password", *ACCOUNT_FLAGS).first()
    instance._audit_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=User)
def _account_saved(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    actor = current_actor()
    if created:
        flags = {flag: getattr(instance, flag) for flag in ACCOUNT_FLAGS}
        record(actor, Action.USER_CREATED, instance, flags)
        if instance.password and instance.has_usable_password():
            record(actor, Action.PASSWORD_SET, instance, {"by": _who_set(actor, instance)})
        return
    before: dict[str, Any] | None = getattr(instance, "_audit_before", None)
    if before is None:
        return
    if before["password"] != instance.password:
        record(actor, Action.PASSWORD_SET, instance, {"by": _who_set(actor, instance)})
    changed = {
        flag: [before[flag], getattr(instance, flag)]
        for flag in ACCOUNT_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        record(actor, Action.ACCOUNT_CHANGED, instance, changed)


def _who_set(actor: Any, user: User) -> str:
    if isinstance(actor, User) and actor.pk == user.pk:
        return "the user"
    return "another user" if isinstance(actor, User) else "the system or command line"


@receiver(post_delete, sender=User)
def _user_deleted(sender: type[User], instance: User, **kwargs: Any) -> None:
    record(current_actor(), Action.USER_DELETED, None, object_repr=instance.get_username())


@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
def _group_changed(sender: type[Group], instance: Group, **kwargs: Any) -> None:
    if kwargs.get("created") is False:
        return  # a rename: the name is not a permission
    what = "created" if kwargs.get("created") else "deleted"
    record(
        current_actor(),
        Action.GROUP_CHANGED,
        None,
        {what: instance.name},
        object_type="auth.group",
        object_repr=instance.name,
    )


_M2M_ACTIONS = {
    User.groups.through: Action.ROLES_CHANGED,
    User.user_permissions.through: Action.PERMISSIONS_CHANGED,
    Group.permissions.through: Action.GROUP_PERMISSIONS_CHANGED,
}


def _names(model: type[Model], pks: set[Any]) -> list[str]:
    if model is Permission:
        found = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in found)
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    return sorted(User.objects.filter(pk__in=pks).values_list("username", flat=True))


def _relations_changed(
    sender: Any,
    instance: Model,
    action: str,
    reverse: bool,
    model: type[Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    if action == "pre_clear":
        # What a clear removes is known only before it happens.
        instance._audit_cleared = _linked(sender, instance)  # type: ignore[attr-defined]
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    pks = (
        set(pk_set or ()) if action != "post_clear" else getattr(instance, "_audit_cleared", set())
    )
    if not pks:
        return  # nothing changed (a clear of nothing, an add of what was there)
    word = "added" if action == "post_add" else "removed"
    audit_action = _M2M_ACTIONS[sender]
    if not reverse:  # instance is the user (or group); the pks are its groups or permissions
        subjects: list[Model] = [instance]
        detail = {word: _names(model, pks)}
    else:  # instance is the group or permission; the pks are the users (or groups) changed
        subjects = list(model._default_manager.filter(pk__in=pks))
        detail = {word: _names(type(instance), {instance.pk})}
    for subject in subjects:
        record(current_actor(), audit_action, subject, detail)


def _linked(through: type[Model], instance: Model) -> set[Any]:
    """The keys of the rows ``instance`` is linked to through the table ``through``."""
    links = [f for f in through._meta.fields if f.is_relation]
    mine = next(f for f in links if f.related_model is type(instance))
    other = next(f for f in links if f is not mine)
    rows = through._default_manager.filter(**{mine.name: instance.pk})
    return set(rows.values_list(other.attname, flat=True))


for _through in _M2M_ACTIONS:
    m2m_changed.connect(_relations_changed, sender=_through, dispatch_uid=f"audit-{_through}")


# -- Lockouts: clearing one (django-axes' reset, the admin, expiry) is an event ------------------


@receiver(post_delete, sender=AccessAttempt)
def _attempts_cleared(sender: type[AccessAttempt], instance: AccessAttempt, **kwargs: Any) -> None:
    if instance.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return  # failures below the limit forgotten: nobody was locked out
    record(
        current_actor(),
        Action.LOCKOUT_RESET,
        None,
        {
            "username": str(instance.username or "")[:150],
            "ip": str(instance.ip_address or ""),
            "failures": instance.failures_since_start,
        },
        object_type="axes.accessattempt",
        object_repr=str(instance.username or ""),
    )


# -- Provider membership: which provider's records a provider team user sees -------------------


@receiver(pre_save, sender=Profile)
def _remember_provider(sender: type[Profile], instance: Profile, **kwargs: Any) -> None:
    before = Profile.objects.filter(pk=instance.pk).values_list("provider", flat=True).first()
    instance._audit_before = before if instance.pk else None  # type: ignore[attr-defined]


@receiver(post_save, sender=Profile)
def _provider_changed(sender: type[Profile], instance: Profile, **kwargs: Any) -> None:
    before = getattr(instance, "_audit_before", None) or ""
    if before != instance.provider:
        record(
            current_actor(),
            Action.ACCOUNT_CHANGED,
            instance.user,
            {"provider": [before, instance.provider]},
        )
