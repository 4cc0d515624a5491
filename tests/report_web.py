"""Build inspections whose report can be written and built, through the workflow's own services:
recorded cases (one flagged as a practice example), domain one judged, one ratings-panel
adjustment with its reason, every case quality-assured, the panel signed off, the narrative
written. Synthetic: invented providers, people and words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from inspection_web import provider
from results_web import Recorded, cases_of, in_fieldwork, record_case
from sufficiency.framework import RatedBy, Rating
from sufficiency.web.assessments.answers import CaseChanges, save_case
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.assessments.moderation import quality_assure
from sufficiency.web.assessments.questions import required_questions
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.lifecycle import (
    begin_moderation,
    convene_ratings_panel,
    start_reporting,
)
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.reports import narrative
from sufficiency.web.reports.data import report_of
from sufficiency.web.results import domain_one, panel
from sufficiency.web.results import services as results

SIZES = {"case_supervision": 16, "unpaid_work": 8, "through_the_gate": 8}
ADJUSTED = "2.1"  # the standard the panel awards a rating other than the calculated one
PANEL_REASON = "The ratings panel judged the result marginal: a small sample of cases."
PRACTICE_TEXT = (
    "The responsible officer worked with the person on probation and a housing provider to find "
    "settled accommodation.\n\n- Planning involved the person fully\n- Risk was reviewed often"
)


@dataclass
class Completed:
    recorded: Recorded
    flagged: CaseAssessment

    @property
    def inspection(self) -> Inspection:
        return self.recorded.inspection


def _panel_version(inspection: Inspection) -> int:
    found = results.panel_of(inspection)
    return found.version if found else 1


def _other(rating: Rating) -> Rating:
    ladder = list(Rating)
    return ladder[(ladder.index(rating) + 1) % len(ladder)]


def recorded_inspection(version: FrameworkVersion, prefix: str = "rep") -> Completed:
    """Fieldwork done: every case answered and submitted, one flagged as a practice example."""
    built = in_fieldwork(version, SIZES, prefix=prefix, rows=1500)
    framework = built.framework
    flagged: CaseAssessment | None = None
    for sample in SIZES:
        for i, case in enumerate(cases_of(built.inspection, sample)):
            rosh = sample == "case_supervision" and i % 2 == 0
            answers = {
                q.id: ("no" if (i + j) % 4 == 0 else "yes")
                for j, q in enumerate(required_questions(framework, sample, rosh))
            }
            saved = record_case(case, answers, rosh=rosh, submit=False, interviewed=i % 3 == 0)
            if flagged is None:
                saved = save_case(
                    saved,
                    CaseChanges(practice_example=True, practice_example_text="housing work"),
                    version=saved.version,
                    actor=saved.assigned_to,
                )
                flagged = saved
            submit_case(saved, actor=saved.assigned_to)
    assert flagged is not None
    return Completed(built, flagged)


def completed_inspection(version: FrameworkVersion, prefix: str = "rep") -> Completed:
    """An inspection in reporting: every case quality-assured, the panel signed off with one
    adjustment, the narrative written."""
    done = recorded_inspection(version, prefix)
    inspection, lead = done.inspection, done.recorded.crew.lead
    framework = done.recorded.framework
    domain_one.add_evidence(
        inspection, "1.1", "meeting", dt.date(2019, 1, 15), "Meeting with senior leaders.",
        actor=lead,
    )  # fmt: skip
    begin_moderation(inspection, actor=lead)
    for case in CaseAssessment.objects.filter(inspection=inspection):
        quality_assure(case, actor=lead)
    convene_ratings_panel(inspection, actor=lead)
    inspection.refresh_from_db()
    calculated = results.live(inspection).result
    for standard in framework.standards.values():
        if standard.rated_by is RatedBy.JUDGEMENT:
            panel.decide(
                inspection, standard.id, Rating.GOOD.value,
                reason=f"Evidence for {standard.id}: meetings and documents.",
                version=_panel_version(inspection), actor=lead,
            )  # fmt: skip
    was = calculated.standard(ADJUSTED).calculated_rating
    assert was is not None
    panel.decide(
        inspection, ADJUSTED, _other(was).value, grounds="marginal", reason=PANEL_REASON,
        version=_panel_version(inspection), actor=lead,
    )  # fmt: skip
    panel.sign_off(inspection, version=_panel_version(inspection), actor=lead)
    start_reporting(inspection, actor=lead)
    inspection.refresh_from_db()
    write_narrative(done)
    return done


def write_narrative(done: Completed) -> None:
    inspection, lead = done.inspection, done.recorded.crew.lead
    framework = done.recorded.framework

    def version() -> int:
        return report_of(inspection).version

    narrative.save_overall(
        inspection,
        "We inspected the service over two weeks.\n\nWe thank its staff.",
        "Leadership is clear.\n\n- Staffing is stable\n- Partnerships are strong",
        version=version(),
        actor=lead,
    )
    for domain in framework.domains:
        narrative.save_domain(
            inspection, domain.id, summary=f"Domain {domain.id} in summary.",
            strengths="- Clear priorities", areas_for_improvement="- Recording of reviews",
            version=version(), actor=lead,
        )  # fmt: skip
    narrative.save_standard(
        inspection, ADJUSTED, "Assessments were thorough.", version=version(), actor=lead
    )
    narrative.add_practice_example(
        inspection, done.flagged.pk, "2.1", title="Settled accommodation", text=PRACTICE_TEXT,
        version=version(), actor=lead,
    )  # fmt: skip
    to = inspection.provider.name
    for what in ("improve the quality of reviews", "make sure staff have manageable caseloads"):
        narrative.add_recommendation(inspection, to, what, version=version(), actor=lead)


def other_provider_inspection(version: FrameworkVersion) -> Inspection:
    """An inspection of another provider, planned only."""
    from inspection_web import planned_inspection, team

    return planned_inspection(version, team("oth"), where=provider("Otherfield CRC"))


def report_in_factual_accuracy_check(version: FrameworkVersion, provider_name: str) -> int:
    """For the access matrix: an HMIP inspection of ``provider_name`` led by the lead inspector
    role's test user, with the inspector role's test user on its team and the quality team
    role's test user on the provider's quality team; its report in the factual accuracy check."""
    from inspection_web import Team, planned_inspection, user
    from sufficiency.web.accounts.services import Role
    from sufficiency.web.reports.models import InspectionReport, ReportStatus

    def test_user(role: Role) -> User:
        return user("test-" + role.value.lower().replace(" ", "-"), role)

    crew = Team(test_user(Role.LEAD_INSPECTOR), [test_user(Role.INSPECTOR)])
    where = provider(provider_name)
    where.quality_team_members.add(test_user(Role.PROVIDER_QUALITY_TEAM))
    inspection = planned_inspection(version, crew, where=where)
    InspectionReport.objects.create(inspection=inspection, status=ReportStatus.FACTUAL_ACCURACY)
    return inspection.pk
