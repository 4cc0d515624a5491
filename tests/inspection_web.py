"""Build a stored inspection the way its users would: provider, caseload upload, LDUs, draw,
fieldwork, assignment. Synthetic data only (the sampling core's invented caseload)."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User

from sufficiency.sampling.synthetic import write_synthetic_caseload
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.assessments.assignment import assign_balanced
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.caseloads import choose_ldus, upload_caseload
from sufficiency.web.inspections.lifecycle import create_inspection, start_fieldwork
from sufficiency.web.inspections.models import Inspection, InspectionKind
from sufficiency.web.inspections.sampling import draw_samples
from sufficiency.web.providers.models import Provider, ProviderKind

REFERENCE_DATE = dt.date(2020, 1, 6)
LDUS = ("Ashcombe Vale", "Brackenmoor", "Cresswater")


def synthetic_caseload_bytes(rows: int = 1500, seed: int = 7) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "caseload.csv"
        write_synthetic_caseload(path, rows, seed)
        return path.read_bytes()


def user(username: str, role: Role) -> User:
    return create_or_reset_user(username, role)[0]


@dataclass
class Team:
    lead: User
    inspectors: list[User]


def team(prefix: str = "t") -> Team:
    return Team(
        user(f"{prefix}-lead", Role.LEAD_INSPECTOR),
        [user(f"{prefix}-insp-1", Role.INSPECTOR), user(f"{prefix}-insp-2", Role.INSPECTOR)],
    )


def provider(name: str = "Testmoor CRC") -> Provider:
    return Provider.objects.get_or_create(name=name, defaults={"kind": ProviderKind.CRC})[0]


def planned_inspection(
    version: FrameworkVersion,
    crew: Team,
    *,
    where: Provider | None = None,
    kind: InspectionKind = InspectionKind.INSPECTION,
) -> Inspection:
    return create_inspection(
        provider=where or provider(),
        kind=kind,
        framework=version,
        reference_date=REFERENCE_DATE,
        lead=crew.lead,
        inspectors=crew.inspectors,
        actor=crew.lead,
    )


def drawn_inspection(
    version: FrameworkVersion, crew: Team, *, seed: int = 11, data: bytes | None = None
) -> Inspection:
    inspection = planned_inspection(version, crew)
    upload_caseload(inspection, data or synthetic_caseload_bytes(), "caseload.csv", actor=crew.lead)
    choose_ldus(inspection, list(LDUS), actor=crew.lead)
    draw_samples(inspection, seed=seed, actor=crew.lead)
    return inspection


def inspection_in_fieldwork(version: FrameworkVersion, crew: Team) -> Inspection:
    inspection = drawn_inspection(version, crew)
    assign_balanced(inspection, actor=crew.lead)
    start_fieldwork(inspection, actor=crew.lead)
    inspection.refresh_from_db()
    return inspection


def first_case(
    inspection: Inspection, inspector: User, sample: str = "case_supervision"
) -> CaseAssessment:
    return (
        CaseAssessment.objects.filter(
            inspection=inspection, assigned_to=inspector, sampled_case__sample__sample_type=sample
        )
        .select_related("sampled_case__sample", "inspection")
        .order_by("sampled_case__order")
        .first()
    )  # type: ignore[return-value]
