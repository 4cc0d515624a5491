"""Roles and accounts.

A role is a Django group with a fixed set of permissions. The four roles follow the people who
use Sufficiency: inspectors, lead inspectors, inspection managers, and providers' quality teams.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from enum import StrEnum

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser, AnonymousUser, Group, Permission, User
from django.db import transaction

from sufficiency.web.accounts.models import Profile
from sufficiency.web.audit.services import Actor, acting_as, current_actor
from sufficiency.web.core.limits import length_problems


class Role(StrEnum):
    INSPECTOR = "Inspector"
    LEAD_INSPECTOR = "Lead inspector"
    INSPECTION_MANAGER = "Inspection manager"
    PROVIDER_QUALITY_TEAM = "Provider quality team"


# The one place that says what each role may do. Each permission is checked where its action
# happens (a view's or API operation's permission check, a service's ``may``), and
# tests/integration/test_access_matrix.py walks every URL and API operation as every role.
_READ = ("frameworks.view_frameworkversion", "published.view_publishedreport")
# The inspectorate's own: every provider's records, and the names of its people.
_INSPECTORATE = ("accounts.view_every_provider", "accounts.view_inspectorate_people")
_INSPECT = (
    *_READ,
    *_INSPECTORATE,
    "published.add_publishedreport",  # upload a report not yet stored
    "published.export_dataset",
)

# The inspection workflow (which inspections each user sees is inspections.visibility's rule):
# inspectors record their assigned cases; leads plan, sample, assign and moderate the inspections
# they lead; a provider's quality team does all of that for its own provider's self-audits.
_ASSESS = ("inspections.view_inspection", "assessments.assess_case")
_LEAD = (
    *_ASSESS,
    "inspections.add_inspection",
    "inspections.manage_inspection",
    "inspections.export_case_list",
    "assessments.moderate_case",
)
_SELF_AUDIT = (
    *_ASSESS,
    "inspections.run_self_audit",
    "inspections.manage_inspection",
    "inspections.export_case_list",
    "assessments.moderate_case",
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    # Sees its own provider's records and the public benchmark (``provider_scope``), never
    # another provider's data or the inspectorate's user names; runs its own self-audits.
    Role.PROVIDER_QUALITY_TEAM: (*_READ, *_SELF_AUDIT),
    Role.INSPECTOR: (*_INSPECT, *_ASSESS),
    # change_publishedreport: replace a stored report's figures with a new parse.
    Role.LEAD_INSPECTOR: (*_INSPECT, "published.change_publishedreport", *_LEAD),
    Role.INSPECTION_MANAGER: (
        *_INSPECT,
        "published.change_publishedreport",
        "frameworks.add_frameworkversion",
        "audit.view_auditevent",
        "accounts.reset_password",
        *_LEAD,
        "inspections.view_all_inspections",
        "providers.add_provider",
        "providers.change_provider",
    ),
}
EVERY_PROVIDER = "accounts.view_every_provider"
RESET_PASSWORD = "accounts.reset_password"  # noqa: S105  (a permission's name)
INSPECTORATE_PEOPLE = "accounts.view_inspectorate_people"

# Results (the results app): every team member adds domain-one evidence; the lead sends cases for
# double marking; the ratings panel (the lead, and the inspection manager) records the judgements
# and decisions and signs off. A provider's quality team does the same for its self-audits.
_RESULTS_TEAM = ("results.record_evidence",)
_RESULTS_PANEL = (*_RESULTS_TEAM, "results.double_mark", "results.decide_ratings")
ROLE_PERMISSIONS[Role.INSPECTOR] += _RESULTS_TEAM
ROLE_PERMISSIONS[Role.LEAD_INSPECTOR] += _RESULTS_PANEL
ROLE_PERMISSIONS[Role.INSPECTION_MANAGER] += _RESULTS_PANEL
ROLE_PERMISSIONS[Role.PROVIDER_QUALITY_TEAM] += _RESULTS_PANEL

# The inspection report (the reports app): the inspection's lead, and the inspection manager,
# write it and move it on; the lead publishes it; a provider's quality team comments on its own
# provider's draft during the factual accuracy check.
ROLE_PERMISSIONS[Role.LEAD_INSPECTOR] += ("reports.write_report", "reports.publish_report")
ROLE_PERMISSIONS[Role.INSPECTION_MANAGER] += ("reports.write_report",)
ROLE_PERMISSIONS[Role.PROVIDER_QUALITY_TEAM] += ("reports.comment_on_draft",)


def _permissions(codes: Iterable[str], using: str) -> list[Permission]:
    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = [
        p
        for p in Permission.objects.using(using).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"permissions not found: {sorted('.'.join(m) for m in missing)}")
    return found


def sync_roles(using: str = "default") -> None:
    """Create the role groups and set exactly their permissions. Idempotent."""
    apps = {code.split(".", 1)[0] for codes in ROLE_PERMISSIONS.values() for code in codes}
    present = set(
        Permission.objects.using(using)
        .filter(content_type__app_label__in=apps)
        .values_list("content_type__app_label", flat=True)
    )
    if present != apps:
        return  # called for an app migrated before the others; the last post_migrate will do it
    with transaction.atomic(using=using):
        for role, codes in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            group.permissions.set(_permissions(codes, using))


def roles_of(user: AbstractBaseUser | AnonymousUser) -> list[Role]:
    if not isinstance(user, AbstractUser):
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]


def generate_password() -> str:
    """A fresh random password (16 URL-safe characters from a CSPRNG)."""
    return secrets.token_urlsafe(12)


def may(actor: Actor, permission: str) -> bool:
    """Whether ``actor`` may do what ``permission`` allows. A named non-web actor (the command
    line, run by whoever operates the server) may do anything; the system (None) too."""
    if actor is None or isinstance(actor, str):
        return True
    return has_perm(actor, permission)


def has_perm(user: AbstractBaseUser | AnonymousUser, permission: str) -> bool:
    """``user.has_perm`` for any kind of user (a bare AbstractBaseUser has no permissions)."""
    check = getattr(user, "has_perm", None)
    return bool(check(permission)) if check is not None else False


def provider_scope(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """Whose records ``user`` may see: ``None`` for every provider (the inspectorate), or the
    name of the one provider the user belongs to ("" if none is set: then no provider's)."""
    if has_perm(user, EVERY_PROVIDER):
        return None
    if not isinstance(user, User) or user.pk is None:
        return ""
    profile = Profile.objects.filter(user=user).first()
    return profile.provider if profile is not None else ""


def create_or_reset_user(
    username: str,
    role: Role,
    *,
    actor: Actor = None,
    full_name: str = "",
    provider: str | None = None,
) -> tuple[User, str]:
    """Make ``username`` a user with exactly ``role`` and a new random password; return both.

    ``provider``: the provider a provider quality team user works for (left as it is if None).
    Every change is audited by the receivers in ``audit.signals``, naming ``actor``.
    """
    problems = length_problems(User, {"username": username}) + length_problems(
        Profile, {"provider": provider or ""}
    )
    if problems:
        raise ValueError("; ".join(problems))
    password = generate_password()
    with transaction.atomic(), acting_as(actor if actor is not None else current_actor()):
        user, _created = User.objects.get_or_create(username=username)
        first, _, last = full_name.partition(" ")
        user.first_name, user.last_name = first, last
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        if provider is not None:
            Profile.objects.update_or_create(user=user, defaults={"provider": provider})
    return user, password


def may_reset(actor: AbstractBaseUser | AnonymousUser, user: User) -> bool:
    """A manager resets others' passwords (their own is changed, knowing the current one); only a
    superuser resets a superuser's."""
    if not has_perm(actor, RESET_PASSWORD) or actor.pk == user.pk:
        return False
    return not user.is_superuser or bool(getattr(actor, "is_superuser", False))


def reset_password(user: User, *, actor: Actor) -> str:
    """Give ``user`` a new random password and return it (to be shown once, never stored)."""
    password = generate_password()
    with transaction.atomic(), acting_as(actor):
        user.set_password(password)
        user.save(update_fields=["password"])
    return password
