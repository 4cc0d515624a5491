"""The ratings panel's steps: decide a standard's rating, sign off, reopen. Each one checks,
saves and audits; each names the panel version it was made from, so nothing changes unseen.

Domain-one judgements are decisions too (the inspectors' judgement with its rationale); they are
recorded here in the same way and locked by the same sign-off.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sufficiency.framework import RatedBy
from sufficiency.framework.problems import Problem
from sufficiency.ratings import Decision, PanelGrounds, parse_rating
from sufficiency.ratings.panel import check_panel_decision
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import Inspection, InspectionStatus
from sufficiency.web.inspections.permissions import acting_user
from sufficiency.web.results import services
from sufficiency.web.results.errors import PanelChanged
from sufficiency.web.results.models import RatingsPanel, Reopening, StandardDecision
from sufficiency.web.results.permissions import require_panel

TEXT_MAX = 10_000
# Where ratings are decided: from fieldwork (domain one is judged on site) to the ratings panel.
DECIDING = frozenset(
    {InspectionStatus.FIELDWORK, InspectionStatus.MODERATION, InspectionStatus.RATINGS_PANEL}
)


def _open_panel(inspection: Inspection, version: int) -> RatingsPanel:
    """The inspection's panel, locked for this change; refused once signed off or changed."""
    panel, _ = RatingsPanel.objects.get_or_create(inspection=inspection)
    panel = RatingsPanel.objects.select_for_update().get(pk=panel.pk)
    if panel.version != version:
        raise PanelChanged(version, panel.version)
    return panel


def _bump(panel: RatingsPanel) -> None:
    panel.version = F("version") + 1
    panel.save()
    panel.refresh_from_db()


def _require_deciding(inspection: Inspection) -> None:
    if inspection.status not in DECIDING:
        raise Refused(
            f"the inspection is in {inspection.get_status_display().lower()}; ratings are decided "
            "from fieldwork to the ratings panel"
        )


def decide(
    inspection: Inspection,
    standard_id: str,
    rating: str,
    *,
    grounds: str = "",
    reason: str = "",
    version: int,
    actor: Actor,
) -> StandardDecision:
    """Record the rating people award a standard: a domain-one judgement with its rationale,
    or the panel's rating of a case-data standard. A rating other than the calculated one needs
    the grounds and the reason for the report's footnote."""
    require_panel(actor, inspection)
    _require_deciding(inspection)
    user = acting_user(actor)
    if user is None:
        raise Refused("ratings are decided by the panel, signed in")
    live = services.live(inspection)
    framework = live.framework
    standard = framework.standards.get(standard_id)
    awarded = parse_rating(rating)
    problems: list[Problem] = []
    if standard is None:
        problems.append(
            problem("standard_id", f"{standard_id!r} is not a standard of the framework")
        )
    if awarded is None:
        problems.append(
            problem("rating", "choose Outstanding, Good, Requires improvement or Inadequate")
        )
    if grounds and grounds not in set(PanelGrounds):
        problems.append(problem("grounds", f"{grounds!r} is not one of the grounds"))
    reason = reason.strip()
    if len(reason) > TEXT_MAX:
        problems.append(problem("reason", f"longer than {TEXT_MAX:,} characters"))
    if problems or standard is None or awarded is None:
        raise Problems("the rating cannot be recorded", problems)
    calculated = live.result.standard(standard.id).calculated_rating
    decision = Decision(
        standard.id, awarded, reason, grounds=PanelGrounds(grounds) if grounds else None
    )
    if standard.rated_by is RatedBy.JUDGEMENT:
        if not reason:
            problems.append(problem("reason", "give the rationale for the judgement"))
        if grounds:
            problems.append(
                problem("grounds", "a domain-one judgement has a rationale, not grounds")
            )
    else:
        problems = check_panel_decision(framework, calculated, decision)
    if problems:
        raise Problems("the rating cannot be recorded", problems)
    with transaction.atomic():
        panel = _open_panel(inspection, version)
        if panel.signed_off:
            raise Refused(
                "the panel has signed off; reopen it, giving a reason, to change a rating"
            )
        previous = StandardDecision.objects.filter(panel=panel, standard_id=standard.id).first()
        row, _ = StandardDecision.objects.update_or_create(
            panel=panel,
            standard_id=standard.id,
            defaults={
                "rating": awarded.value,
                "calculated_rating": calculated.value if calculated else "",
                "grounds": grounds,
                "reason": reason,
                "decided_by": user,
            },
        )
        _bump(panel)
        record(
            actor,
            Action.STANDARD_DECIDED,
            inspection,
            {
                "standard": standard.id,
                "awarded": awarded.value,
                "calculated": calculated.value if calculated else None,
                "grounds": grounds or None,
                "reason": reason,
                "previous": previous.rating if previous else None,
                "panel_version": panel.version,
            },
        )
    return row


def sign_off(inspection: Inspection, *, version: int, actor: Actor) -> RatingsPanel:
    """Lock the ratings: every standard has an awarded rating (so there is an overall rating),
    and no decision was made against a calculated rating that has since changed."""
    require_panel(actor, inspection)
    _require_deciding(inspection)
    live = services.live(inspection)
    problems = [
        problem(s.id, f"standard {s.id} has no awarded rating yet")
        for s in live.result.standards
        if s.awarded_rating is None
    ]
    problems += [
        problem(
            sid, f"the calculated rating of {sid} has changed since the panel decided; decide again"
        )
        for sid in live.stale()
    ]
    if problems:
        raise Problems("the panel cannot sign off yet", problems)
    overall = live.result.overall
    assert overall is not None
    with transaction.atomic():
        panel = _open_panel(inspection, version)
        if panel.signed_off:
            raise Refused("the panel has already signed off")
        panel.sign_off()
        panel.signed_off_by = acting_user(actor)
        panel.signed_off_at = timezone.now()
        panel.signed_off_result = live.result.as_dict()
        _bump(panel)
        record(
            actor,
            Action.PANEL_SIGNED_OFF,
            inspection,
            {
                "overall": overall.rating.value,
                "score": overall.score,
                "panel_version": panel.version,
            },
        )
    return panel


def reopen(inspection: Inspection, reason: str, *, version: int, actor: Actor) -> RatingsPanel:
    """Unlock signed-off ratings, giving the reason; recorded on the panel and in the audit."""
    require_panel(actor, inspection)
    _require_deciding(inspection)
    user = acting_user(actor)
    reason = reason.strip()
    if user is None:
        raise Refused("the panel is reopened by a member of the panel, signed in")
    if not reason:
        raise Problems(
            "the panel cannot be reopened", [problem("reason", "give the reason for reopening")]
        )
    if len(reason) > TEXT_MAX:
        raise Problems(
            "the panel cannot be reopened",
            [problem("reason", f"longer than {TEXT_MAX:,} characters")],
        )
    with transaction.atomic():
        panel = _open_panel(inspection, version)
        if not panel.signed_off:
            raise Refused("the panel has not signed off; there is nothing to reopen")
        panel.reopen()
        Reopening.objects.create(panel=panel, reason=reason, by=user)
        _bump(panel)
        record(
            actor,
            Action.PANEL_REOPENED,
            inspection,
            {"reason": reason, "panel_version": panel.version},
        )
    return panel
