"""Who may see which inspections. Every page, export and API endpoint asks here, nowhere else.

- HMIP staff (inspectors, lead inspectors, inspection managers) see HMIP inspections: a manager
  every one, an inspector or lead those whose team they are on. They do not see self-audits,
  which are the provider's own.
- A provider's quality team members see their own provider's self-audits, and HMIP's
  inspections of their provider once published; never anything of another provider.
- A superuser sees everything.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from sufficiency.web.accounts.services import Role
from sufficiency.web.inspections.models import Inspection, InspectionKind, InspectionStatus

AnyUser = AbstractBaseUser | AnonymousUser


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    """The inspections ``user`` may see."""
    everything = Inspection.objects.select_related("provider", "framework", "lead")
    if not isinstance(user, User) or not user.is_active:
        return everything.none()
    if user.is_superuser:
        return everything
    own_providers = Q(provider__quality_team_members=user)
    mine = Q(kind=InspectionKind.SELF_AUDIT) & own_providers
    mine |= Q(kind=InspectionKind.INSPECTION) & Q(status=InspectionStatus.PUBLISHED) & own_providers
    if is_quality_team(user):
        pass  # a provider's people never see HMIP's work in progress, whatever else they hold
    elif user.has_perm("inspections.view_all_inspections"):
        mine |= Q(kind=InspectionKind.INSPECTION)
    elif user.has_perm("inspections.view_inspection"):
        mine |= Q(kind=InspectionKind.INSPECTION) & (Q(lead=user) | Q(inspectors=user))
    return everything.filter(mine).distinct()


def is_quality_team(user: User) -> bool:
    """Whether the user works for a provider (its quality team), not for HMIP."""
    return user.groups.filter(name=Role.PROVIDER_QUALITY_TEAM.value).exists()


def can_see(user: AnyUser, inspection: Inspection) -> bool:
    return visible_inspections(user).filter(pk=inspection.pk).exists()


def is_lead(user: AnyUser, inspection: Inspection) -> bool:
    """The inspection's lead: for a self-audit, the quality team member leading it."""
    return isinstance(user, User) and user.pk == inspection.lead_id
