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

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record


class Role(StrEnum):
    INSPECTOR = "Inspector"
    LEAD_INSPECTOR = "Lead inspector"
    INSPECTION_MANAGER = "Inspection manager"
    PROVIDER_QUALITY_TEAM = "Provider quality team"


_READ = ("frameworks.view_frameworkversion", "published.view_publishedreport")
_INSPECT = (*_READ, "published.add_publishedreport", "published.export_dataset")

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
    Role.PROVIDER_QUALITY_TEAM: (*_READ, *_SELF_AUDIT),
    Role.INSPECTOR: (*_INSPECT, *_ASSESS),
    Role.LEAD_INSPECTOR: (*_INSPECT, "published.change_publishedreport", *_LEAD),
    Role.INSPECTION_MANAGER: (
        *_INSPECT,
        "published.change_publishedreport",
        "frameworks.add_frameworkversion",
        "audit.view_auditevent",
        *_LEAD,
        "inspections.view_all_inspections",
        "providers.add_provider",
        "providers.change_provider",
    ),
}

# Results (the results app): every team member adds domain-one evidence; the lead sends cases for
# double marking; the ratings panel (the lead, and the inspection manager) records the judgements
# and decisions and signs off. A provider's quality team does the same for its self-audits.
_RESULTS_TEAM = ("results.record_evidence",)
_RESULTS_PANEL = (*_RESULTS_TEAM, "results.double_mark", "results.decide_ratings")
ROLE_PERMISSIONS[Role.INSPECTOR] += _RESULTS_TEAM
ROLE_PERMISSIONS[Role.LEAD_INSPECTOR] += _RESULTS_PANEL
ROLE_PERMISSIONS[Role.INSPECTION_MANAGER] += _RESULTS_PANEL
ROLE_PERMISSIONS[Role.PROVIDER_QUALITY_TEAM] += _RESULTS_PANEL


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


def create_or_reset_user(
    username: str, role: Role, *, actor: Actor = None, full_name: str = ""
) -> tuple[User, str]:
    """Make ``username`` a user with exactly ``role`` and a new random password; return both."""
    password = generate_password()
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        first, _, last = full_name.partition(" ")
        user.first_name, user.last_name = first, last
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        record(
            actor,
            Action.USER_CREATED if created else Action.PASSWORD_SET,
            user,
            {"role": role.value},
        )
    return user, password
