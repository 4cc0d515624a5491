"""Providers and their quality teams, changed only here (audited)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.permissions import require
from sufficiency.web.providers.models import Provider, ProviderKind


def create_provider(name: str, kind: ProviderKind, *, actor: Actor) -> Provider:
    """A provider (or the existing one of that name, its kind updated)."""
    require(actor, "providers.add_provider")
    with transaction.atomic():
        provider, created = Provider.objects.update_or_create(
            name=name.strip(), defaults={"kind": kind}
        )
        record(actor, Action.PROVIDER_CHANGED, provider, {"created": created, "kind": kind.value})
    return provider


def set_quality_team(provider: Provider, members: list[User], *, actor: Actor) -> None:
    """Who is on the provider's quality team (runs its self-audits)."""
    require(actor, "providers.change_provider")
    with transaction.atomic():
        provider.quality_team_members.set(members)
        record(
            actor,
            Action.PROVIDER_CHANGED,
            provider,
            {"quality_team": sorted(u.get_username() for u in members)},
        )
