"""Creating an inspection and moving it through planning → fieldwork → moderation → ratings panel
→ reporting → published. One function per step: it checks the step is allowed, saves, and
records the audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django_fsm import TransitionNotAllowed

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import (
    Inspection,
    InspectionKind,
    InspectionStatus,
)
from sufficiency.web.inspections.permissions import acting_user, require, require_lead
from sufficiency.web.inspections.visibility import is_quality_team
from sufficiency.web.providers.models import Provider


def create_inspection(
    *,
    provider: Provider,
    kind: InspectionKind,
    framework: FrameworkVersion,
    reference_date: dt.date,
    lead: User,
    inspectors: Sequence[User] = (),
    fieldwork_start: dt.date | None = None,
    fieldwork_end: dt.date | None = None,
    actor: Actor,
) -> Inspection:
    """A new inspection in planning. A quality team member may create only self-audits of a
    provider whose quality team they are on; HMIP inspections are HMIP staff's."""
    user = acting_user(actor)
    if kind == InspectionKind.SELF_AUDIT:
        require(actor, "inspections.run_self_audit")
        own = user is None or provider.quality_team_members.filter(pk=user.pk).exists()
        if not (own or (user is not None and user.is_superuser)):
            raise Refused("a self-audit is run by the provider's own quality team")
    else:
        require(actor, "inspections.add_inspection")
    _check_dates(reference_date, fieldwork_start, fieldwork_end)
    _check_team(kind, provider, lead, inspectors)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            provider=provider,
            kind=kind,
            framework=framework,
            reference_date=reference_date,
            fieldwork_start=fieldwork_start,
            fieldwork_end=fieldwork_end,
            lead=lead,
            created_by=user,
        )
        inspection.inspectors.set(inspectors)
        record(
            actor,
            Action.INSPECTION_CREATED,
            inspection,
            {
                "provider": provider.name,
                "kind": kind.value,
                "framework": str(framework),
                "reference_date": reference_date.isoformat(),
                "lead": lead.get_username(),
                "inspectors": [u.get_username() for u in inspectors],
            },
        )
    return inspection


def _check_dates(reference_date: dt.date, start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise Problems(
            "the fieldwork dates are the wrong way round",
            [problem("fieldwork_end", f"fieldwork ends ({end}) before it starts ({start})")],
        )


def _check_team(kind: str, provider: Provider, lead: User, inspectors: Sequence[User]) -> None:
    """A self-audit's team is the provider's quality team; an HMIP inspection's is HMIP's."""
    people = {lead, *inspectors}
    if kind == InspectionKind.SELF_AUDIT:
        members = set(provider.quality_team_members.all())
        outside = sorted(u.get_username() for u in people - members)
        if outside:
            raise Refused(
                f"a self-audit's team is {provider}'s quality team; not on it: {', '.join(outside)}"
            )
    else:
        theirs = sorted(u.get_username() for u in people if is_quality_team(u))
        if theirs:
            raise Refused(
                "a provider's quality team cannot be on an HMIP inspection's team: "
                + ", ".join(theirs)
            )


def change_framework(inspection: Inspection, framework: FrameworkVersion, *, actor: Actor) -> None:
    """Choose another framework version: only in planning, before any sample is drawn."""
    require_lead(actor, "inspections.manage_inspection", inspection)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.status != InspectionStatus.PLANNING:
            raise Refused("the framework is fixed once fieldwork has started")
        if locked.samples.exists():
            raise Refused("the framework cannot change once samples are drawn from it")
        before = str(locked.framework)
        locked.framework = framework
        locked.save(update_fields=["framework"])
        record(actor, Action.INSPECTION_CHANGED, locked, {"framework": [before, str(framework)]})
    inspection.refresh_from_db()


def set_team(
    inspection: Inspection, *, lead: User, inspectors: Sequence[User], actor: Actor
) -> None:
    """Set the inspection's lead and inspectors."""
    require_lead(actor, "inspections.manage_inspection", inspection)
    _check_team(inspection.kind, inspection.provider, lead, inspectors)
    with transaction.atomic():
        before = {
            "lead": inspection.lead.get_username(),
            "inspectors": sorted(u.get_username() for u in inspection.inspectors.all()),
        }
        inspection.lead = lead
        inspection.save(update_fields=["lead"])
        inspection.inspectors.set(inspectors)
        after = {
            "lead": lead.get_username(),
            "inspectors": sorted(u.get_username() for u in inspectors),
        }
        record(actor, Action.INSPECTION_CHANGED, inspection, {"before": before, "after": after})


def _advance(inspection: Inspection, step: str, actor: Actor, checks: list[str]) -> None:
    require_lead(actor, "inspections.manage_inspection", inspection)
    if checks:
        raise Refused("; ".join(checks))
    with transaction.atomic():
        before = inspection.status
        try:
            getattr(inspection, step)()
        except TransitionNotAllowed:
            raise Refused(
                f"an inspection in {inspection.get_status_display().lower()} cannot do that"
            ) from None
        inspection.save()
        record(
            actor,
            Action.INSPECTION_STATUS_CHANGED,
            inspection,
            {"from": before, "to": inspection.status},
        )


def start_fieldwork(inspection: Inspection, *, actor: Actor) -> None:
    """Planning → fieldwork, once at least one sample is drawn. Fixes the framework version."""
    checks = [] if inspection.samples.exists() else ["draw the samples before fieldwork starts"]
    _advance(inspection, "start_fieldwork", actor, checks)


def begin_moderation(inspection: Inspection, *, actor: Actor) -> None:
    """Fieldwork → moderation."""
    _advance(inspection, "begin_moderation", actor, [])


def convene_ratings_panel(inspection: Inspection, *, actor: Actor) -> None:
    """Moderation → ratings panel, once every inspected case is quality-assured."""
    from sufficiency.web.assessments.models import CaseStatus

    open_cases = inspection.assessments.exclude(status=CaseStatus.QUALITY_ASSURED).count()
    checks = [f"{open_cases} case(s) are not yet quality-assured"] if open_cases else []
    _advance(inspection, "convene_ratings_panel", actor, checks)


def start_reporting(inspection: Inspection, *, actor: Actor) -> None:
    """Ratings panel → reporting."""
    _advance(inspection, "start_reporting", actor, [])


def publish(inspection: Inspection, *, actor: Actor) -> None:
    """Reporting → published: the provider's quality team may now see the inspection."""
    _advance(inspection, "publish", actor, [])
