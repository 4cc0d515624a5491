"""The demo's completed inspection: another invented provider, every case assessed and
quality-assured, domain one judged, the ratings panel signed off with one adjustment, the report's
narrative written, the inspection in reporting. Made through the same service functions the pages
call, so its report builds exactly as a real one would (``reports.flow.build``)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User

from sufficiency.framework import RatedBy, Rating
from sufficiency.web.assessments.answers import CaseChanges, save_case
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.assessments.moderation import quality_assure
from sufficiency.web.demo.inspection import DEMO_REFERENCE_DATE, _assess, _planned
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.lifecycle import (
    begin_moderation,
    convene_ratings_panel,
    start_reporting,
)
from sufficiency.web.inspections.models import Inspection, InspectionKind
from sufficiency.web.providers.models import Provider, ProviderKind
from sufficiency.web.reports import narrative
from sufficiency.web.reports.data import report_of
from sufficiency.web.results import domain_one, panel
from sufficiency.web.results import services as results

COMPLETED_PROVIDER = "Harrowdene Community Rehabilitation Company"
PANEL_REASON = (
    "The ratings panel judged the result marginal: the lowest key question fell just short of "
    "the band from a small number of cases, and the wider evidence supported the higher rating."
)


def seed_completed_inspection(
    version: FrameworkVersion, seed: int, *, lead: User, inspectors: list[User]
) -> Inspection:
    """Make the completed demo inspection once; return it (the existing one if there)."""
    provider, _ = Provider.objects.get_or_create(
        name=COMPLETED_PROVIDER, defaults={"kind": ProviderKind.CRC}
    )
    existing = Inspection.objects.filter(provider=provider, kind=InspectionKind.INSPECTION).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)  # noqa: S311 (invented answers, not security)
    inspection = _planned(version, provider, InspectionKind.INSPECTION, lead, inspectors, seed)
    cases = list(
        CaseAssessment.objects.filter(inspection=inspection)
        .select_related("sampled_case__sample", "inspection", "assigned_to")
        .order_by("sampled_case__sample_id", "sampled_case__order")
    )
    for n, case in enumerate(cases):
        if n == 0:  # its inspector flags it as a practice example
            case = save_case(
                case,
                CaseChanges(
                    practice_example=True,
                    practice_example_text="Planning with a housing provider: worth telling.",
                ),
                version=case.version,
                actor=case.assigned_to,
            )
        _assess(case, rng)
    for day, text in ((0, "Meeting with the senior leadership team."), (2, "Staff focus group.")):
        domain_one.add_evidence(
            inspection, "1.1", "meeting", DEMO_REFERENCE_DATE + dt.timedelta(days=day), text,
            actor=lead,
        )  # fmt: skip
    begin_moderation(inspection, actor=lead)
    for case in CaseAssessment.objects.filter(inspection=inspection):
        quality_assure(case, actor=lead)
    convene_ratings_panel(inspection, actor=lead)
    inspection.refresh_from_db()
    _panel(inspection, lead)
    start_reporting(inspection, actor=lead)
    inspection.refresh_from_db()
    _narrative(inspection, lead, cases[0])
    return inspection


def _panel_version(inspection: Inspection) -> int:
    found = results.panel_of(inspection)
    return found.version if found else 1


def _panel(inspection: Inspection, lead: User) -> None:
    """Domain one judged; one case-data standard awarded a band above its calculated rating."""
    live = results.live(inspection)
    for standard in live.framework.standards.values():
        if standard.rated_by is RatedBy.JUDGEMENT:
            panel.decide(
                inspection, standard.id, Rating.GOOD.value,
                reason="Leaders and staff described a clear vision, borne out by the documents.",
                version=_panel_version(inspection), actor=lead,
            )  # fmt: skip
    ladder = list(Rating)
    adjustable = [
        s
        for s in live.result.standards
        if s.calculated_rating is not None and s.calculated_rating is not Rating.OUTSTANDING
    ]
    chosen = adjustable[0]
    assert chosen.calculated_rating is not None
    higher = ladder[ladder.index(chosen.calculated_rating) - 1]
    panel.decide(
        inspection, chosen.id, higher.value, grounds="marginal", reason=PANEL_REASON,
        version=_panel_version(inspection), actor=lead,
    )  # fmt: skip
    panel.sign_off(inspection, version=_panel_version(inspection), actor=lead)


def _narrative(inspection: Inspection, lead: User, flagged: CaseAssessment) -> None:
    live = results.live(inspection)
    framework = live.framework

    def version() -> int:
        return report_of(inspection).version

    name = inspection.provider.name
    narrative.save_overall(
        inspection,
        f"This report sets out what we found when we inspected {name}.\n\n"
        "We thank the staff and the people on probation who spoke with us.",
        "Leaders have a clear vision for the service, and staff understand it.\n\n"
        "- Staffing levels are stable\n- Partnerships with housing providers are strong\n"
        "- The quality of reviews varies between offices",
        version=version(),
        actor=lead,
    )
    for domain in framework.domains:
        narrative.save_domain(
            inspection, domain.id,
            summary=f"Our findings on {domain.name.lower()}.",
            strengths="- Clear priorities set by managers\n- Staff feel supported",
            areas_for_improvement="- Reviews are not always recorded\n- Some plans lack detail",
            version=version(), actor=lead,
        )  # fmt: skip
    for standard in framework.standards.values():
        if standard.rated_by is RatedBy.CASE_DATA:
            narrative.save_standard(
                inspection, standard.id,
                f"Most cases showed {standard.name.lower()} of a good quality.\n\n"
                "Where it fell short, the person's circumstances had changed without a review.",
                version=version(), actor=lead,
            )  # fmt: skip
    sample = flagged.sampled_case.sample.sample_type
    standard_id = next(s.id for s in framework.standards.values() if s.sample == sample)
    narrative.add_practice_example(
        inspection, flagged.pk, standard_id, title="Settled accommodation",
        text="The responsible officer worked with a housing provider to find settled "
        "accommodation before release.\n\n- The person was involved throughout\n"
        "- Risk was reviewed when the address changed",
        version=version(), actor=lead,
    )  # fmt: skip
    for what in (
        "improve the consistency and recording of reviews",
        "make sure plans address the factors most linked to offending",
    ):
        narrative.add_recommendation(inspection, name, what, version=version(), actor=lead)
