"""The demo inspections: an invented provider inspected by HMIP (in fieldwork, about half its
cases assessed, some queried, some locked) and the same provider's own self-audit, both made
through the same service functions the pages and the API call."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from django.contrib.auth.models import User

from sufficiency.ratings import Judgement
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.assignment import assign_balanced
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.assessments.moderation import open_query, quality_assure
from sufficiency.web.assessments.questions import (
    applicable_questions,
    framework_of_case,
    required_questions,
)
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.caseloads import choose_ldus, upload_caseload
from sufficiency.web.inspections.lifecycle import create_inspection, start_fieldwork
from sufficiency.web.inspections.models import Inspection, InspectionKind
from sufficiency.web.inspections.sampling import draw_samples
from sufficiency.web.providers.models import Provider, ProviderKind

DEMO_PROVIDER = "Northmoor Community Rehabilitation Company"
DEMO_CASELOAD_ROWS = 3000
DEMO_REFERENCE_DATE = dt.date(2020, 1, 6)
DEMO_LDUS = ("Ashcombe Vale", "Brackenmoor", "Dunholme Cross")
# The share of "yes" the answers of each case-data standard are generated around, in the
# framework's order of standards, so that standards fall in different bands (80 / 65 / 50 in the
# 2018/19 framework) and one sits near a threshold (66%).
DEMO_YES_RATES = (0.88, 0.72, 0.66, 0.55, 0.45, 0.8, 0.7, 0.6)


def _caseload_bytes(seed: int) -> bytes:
    from sufficiency.sampling.synthetic import write_synthetic_caseload

    with tempfile.TemporaryDirectory(prefix="sufficiency-demo-") as folder:
        path = Path(folder) / "caseload.csv"
        write_synthetic_caseload(path, DEMO_CASELOAD_ROWS, seed)
        return path.read_bytes()


def demo_provider(quality_team: list[User]) -> Provider:
    provider, _ = Provider.objects.get_or_create(
        name=DEMO_PROVIDER, defaults={"kind": ProviderKind.CRC}
    )
    provider.quality_team_members.add(*quality_team)
    return provider


def _planned(
    version: FrameworkVersion,
    provider: Provider,
    kind: InspectionKind,
    lead: User,
    inspectors: list[User],
    seed: int,
) -> Inspection:
    inspection = create_inspection(
        provider=provider,
        kind=kind,
        framework=version,
        reference_date=DEMO_REFERENCE_DATE,
        fieldwork_start=DEMO_REFERENCE_DATE,
        fieldwork_end=DEMO_REFERENCE_DATE + dt.timedelta(days=11),
        lead=lead,
        inspectors=inspectors,
        actor=lead,
    )
    upload_caseload(inspection, _caseload_bytes(seed), "northmoor-caseload.csv", actor=lead)
    choose_ldus(inspection, list(DEMO_LDUS), actor=lead)
    draw_samples(inspection, seed=seed, actor=lead)
    assign_balanced(inspection, actor=lead)
    start_fieldwork(inspection, actor=lead)
    inspection.refresh_from_db()
    return inspection


def _assess(case: CaseAssessment, rng: random.Random) -> CaseAssessment:
    """Answer every question of a case, yes at its standard's demo rate; submit it."""
    framework = framework_of_case(case)
    rated = [s.id for s in framework.standards.values() if s.sample is not None]
    rosh = rng.random() < 0.6
    answers = {}
    for question in applicable_questions(framework, case.sampled_case.sample.sample_type, rosh):
        rate = DEMO_YES_RATES[rated.index(question.standard.id) % len(DEMO_YES_RATES)]
        roll = rng.random()
        judgement = (
            Judgement.NOT_APPLICABLE
            if roll > 0.97
            else (Judgement.YES if roll < rate else Judgement.NO)
        )
        answers[question.id] = AnswerChange(judgement.value)
    inspector = case.assigned_to
    case = save_case(
        case,
        CaseChanges(answers=answers, rosh_relevant=rosh, ro_interviewed=rng.random() < 0.7),
        version=case.version,
        actor=inspector,
    )
    return submit_case(case, actor=inspector)


def seed_inspections(
    version: FrameworkVersion,
    seed: int,
    *,
    lead: User,
    inspectors: list[User],
    quality_team: list[User],
) -> tuple[Inspection, Inspection | None]:
    """Make the demo inspection and self-audit once; return them (existing ones if there)."""
    provider = demo_provider(quality_team)
    existing = Inspection.objects.filter(provider=provider, kind=InspectionKind.INSPECTION).first()
    if existing is not None:
        audit = Inspection.objects.filter(provider=provider, kind=InspectionKind.SELF_AUDIT).first()
        return existing, audit
    rng = random.Random(seed)  # noqa: S311 (invented answers, not security)
    inspection = _planned(version, provider, InspectionKind.INSPECTION, lead, inspectors, seed)
    cases = list(
        CaseAssessment.objects.filter(inspection=inspection)
        .select_related("sampled_case__sample", "inspection", "assigned_to")
        .order_by("sampled_case__sample_id", "sampled_case__order")
    )
    assessed = [_assess(case, rng) for case in cases[::2]]  # about half
    for case in assessed[1::3]:  # a third of those quality-assured, so locked
        quality_assure(case, actor=lead)
    for n, case in enumerate(assessed[::3][:3]):  # a few queries: on an answer, or the case
        first = next(
            iter(
                required_questions(
                    framework_of_case(case), case.sampled_case.sample.sample_type, False
                )
            )
        )
        open_query(
            case,
            "Please add the evidence for this judgement from the case record."
            if n < 2
            else "Was the responsible officer interviewed? The notes do not say.",
            question_id=first.id if n < 2 else "",
            actor=lead,
        )
    audit = None
    if quality_team:
        audit = _planned(
            version, provider, InspectionKind.SELF_AUDIT, quality_team[0], quality_team, seed + 1
        )
        for case in list(
            CaseAssessment.objects.filter(inspection=audit)
            .select_related("sampled_case__sample", "inspection", "assigned_to")
            .order_by("sampled_case__order")[:6]
        ):
            _assess(case, rng)
    return inspection, audit
