"""Who sees what: HMIP staff their team's inspections, a provider's quality team its own
self-audits (and HMIP's inspection of it only once published), nobody another provider's; and
the provider's case-list export, formula-safe and without answers."""

from __future__ import annotations

import csv
import io

import pytest

from inspection_web import drawn_inspection, planned_inspection, provider, team, user
from sufficiency.web.accounts.services import Role
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.export import case_list_csv, case_list_xlsx
from sufficiency.web.inspections.models import (
    Inspection,
    InspectionKind,
    InspectionStatus,
    SampledCase,
    Selection,
)
from sufficiency.web.inspections.visibility import visible_inspections

pytestmark = pytest.mark.django_db


def test_a_quality_team_sees_its_own_self_audits_and_published_inspections_only(
    framework_version,
) -> None:
    crew = team()
    own, other = provider("Ownvale CRC"), provider("Otherfen CRC")
    quality = user("q-own", Role.PROVIDER_QUALITY_TEAM)
    own.quality_team_members.add(quality)
    hmip = planned_inspection(framework_version, crew, where=own)
    planned_inspection(framework_version, crew, where=other)
    quality_crew = type(crew)(quality, [quality])
    audit = planned_inspection(
        framework_version, quality_crew, where=own, kind=InspectionKind.SELF_AUDIT
    )
    assert list(visible_inspections(quality)) == [audit]
    Inspection.objects.filter(pk=hmip.pk).update(status=InspectionStatus.PUBLISHED)
    assert set(visible_inspections(quality)) == {audit, hmip}
    assert audit not in visible_inspections(crew.lead)  # a self-audit is the provider's own


def test_a_quality_team_cannot_run_a_self_audit_of_another_provider(framework_version) -> None:
    quality = user("q-own", Role.PROVIDER_QUALITY_TEAM)
    provider("Ownvale CRC").quality_team_members.add(quality)
    crew = type(team())(quality, [quality])
    with pytest.raises(Refused, match="own quality team"):
        planned_inspection(
            framework_version, crew, where=provider("Otherfen CRC"), kind=InspectionKind.SELF_AUDIT
        )
    with pytest.raises(Refused):
        planned_inspection(framework_version, crew, where=provider("Ownvale CRC"))


def test_inspectors_see_their_teams_inspections_and_managers_all(framework_version) -> None:
    crew, others = team("a"), team("b")
    mine = planned_inspection(framework_version, crew)
    theirs = planned_inspection(framework_version, others)
    assert list(visible_inspections(crew.inspectors[0])) == [mine]
    manager = user("manager", Role.INSPECTION_MANAGER)
    assert set(visible_inspections(manager)) == {mine, theirs}


def test_the_case_list_export_lists_sampled_cases_formula_safe(framework_version) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    hostile = SampledCase.objects.filter(
        sample__inspection=inspection, selection=Selection.SAMPLED
    ).first()
    assert hostile is not None
    hostile.case.case_id = "=HYPERLINK(1)"
    hostile.case.save()
    text = case_list_csv(inspection, actor=crew.lead)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["case_id", "sample", "stratum", "ldu"]
    assert len(rows) - 1 == sum(s.size for s in inspection.samples.all())
    assert "yes" not in {cell for row in rows for cell in row}
    case_ids = {row[0] for row in rows[1:]}
    assert "'=HYPERLINK(1)" in case_ids and "=HYPERLINK(1)" not in case_ids
    assert case_list_xlsx(inspection, actor=crew.lead).startswith(b"PK")
    with pytest.raises(Refused):
        case_list_csv(inspection, actor=crew.inspectors[0])


def test_teams_keep_hmip_and_the_provider_apart(framework_version) -> None:
    own = provider("Ownvale CRC")
    quality = user("q-own", Role.PROVIDER_QUALITY_TEAM)
    own.quality_team_members.add(quality)
    crew = team()
    with pytest.raises(Refused, match="quality team cannot be on an HMIP"):
        planned_inspection(framework_version, type(crew)(crew.lead, [quality]), where=own)
    stranger = user("q-stranger", Role.PROVIDER_QUALITY_TEAM)
    with pytest.raises(Refused, match="not on it: q-stranger"):
        planned_inspection(
            framework_version,
            type(crew)(quality, [stranger]),
            where=own,
            kind=InspectionKind.SELF_AUDIT,
        )


def test_a_refused_caseloads_full_problem_list_is_a_formula_safe_csv() -> None:
    from sufficiency.framework.problems import Problem
    from sufficiency.web.inspections.caseloads import problems_csv

    text = problems_csv(
        [Problem(line=3, field="gender", value="=cmd()", reason="not one of male, female")]
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["line", "column", "value", "reason"],
        ["3", "gender", "'=cmd()", "not one of male, female"],
    ]
