"""Providers and their quality teams, changed only here (audited)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, problem
from sufficiency.web.inspections.permissions import require
from sufficiency.web.providers.models import LocalDeliveryUnit, Provider, ProviderKind


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


def change_provider(
    provider: Provider, *, name: str, kind: ProviderKind, ldu_names: list[str], actor: Actor
) -> Provider:
    """Rename a provider, change its kind and set its local delivery units: new names are added,
    names no longer listed are removed unless an inspection or a sample uses them (refused)."""
    require(actor, "providers.change_provider")
    name = name.strip()
    wanted = list(dict.fromkeys(n.strip() for n in ldu_names if n.strip()))
    problems = []
    if not name:
        problems.append(problem("name", "enter the provider's name"))
    elif Provider.objects.filter(name=name).exclude(pk=provider.pk).exists():
        problems.append(problem("name", f"there is already a provider called {name!r}"))
    problems += [
        problem("ldus", f"{n[:40]!r} is longer than 255 characters") for n in wanted if len(n) > 255
    ]
    with transaction.atomic():
        current = {ldu.name: ldu for ldu in LocalDeliveryUnit.objects.filter(provider=provider)}
        removed = [current[n] for n in current if n not in wanted]
        problems += [
            problem("ldus", f"{ldu.name!r} is covered by an inspection and cannot be removed")
            for ldu in removed
            if ldu.inspections.exists()
        ]
        if problems:
            raise Problems("the provider cannot be changed", problems)
        before = {"name": provider.name, "kind": provider.kind, "ldus": sorted(current)}
        provider.name, provider.kind = name, kind
        provider.save(update_fields=["name", "kind"])
        for ldu in removed:
            ldu.delete()
        for n in wanted:
            if n not in current:
                LocalDeliveryUnit.objects.create(provider=provider, name=n)
        after = {"name": name, "kind": kind.value, "ldus": sorted(wanted)}
        record(actor, Action.PROVIDER_CHANGED, provider, {"before": before, "after": after})
    return provider
