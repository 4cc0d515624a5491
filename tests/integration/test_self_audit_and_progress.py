"""A provider's quality team runs a self-audit through the same workflow; inspectors' lists and
the lead's progress counts; an oversized API body is refused, not a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from inspection_web import (
    LDUS,
    first_case,
    inspection_in_fieldwork,
    planned_inspection,
    provider,
    synthetic_caseload_bytes,
    team,
    user,
)
from sufficiency.web.accounts.services import Role
from sufficiency.web.api.tokens import create_token
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.assignment import assign_balanced
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.assessments.moderation import open_query, quality_assure
from sufficiency.web.assessments.questions import framework_of_case, required_questions
from sufficiency.web.assessments.reading import my_cases, progress
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.inspections.caseloads import choose_ldus, upload_caseload
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.lifecycle import start_fieldwork
from sufficiency.web.inspections.models import InspectionKind
from sufficiency.web.inspections.sampling import draw_samples
from sufficiency.web.inspections.visibility import visible_inspections

pytestmark = pytest.mark.django_db


def complete(case, inspector):
    questions = required_questions(
        framework_of_case(case), case.sampled_case.sample.sample_type, case.rosh_relevant
    )
    case = save_case(
        case,
        CaseChanges(answers={q.id: AnswerChange("yes") for q in questions}),
        version=case.version,
        actor=inspector,
    )
    return submit_case(case, actor=inspector)


def test_a_quality_team_runs_its_own_self_audit_from_caseload_to_locked_case(
    framework_version,
) -> None:
    own = provider("Ownvale CRC")
    lead, member = (
        user("q-lead", Role.PROVIDER_QUALITY_TEAM),
        user("q-2", Role.PROVIDER_QUALITY_TEAM),
    )
    own.quality_team_members.add(lead, member)
    crew = type(team())(lead, [member])
    audit = planned_inspection(framework_version, crew, where=own, kind=InspectionKind.SELF_AUDIT)
    upload_caseload(audit, synthetic_caseload_bytes(), "own.csv", actor=lead)
    choose_ldus(audit, list(LDUS), actor=lead)
    draw_samples(audit, seed=3, actor=lead)
    assign_balanced(audit, actor=lead)
    start_fieldwork(audit, actor=lead)
    audit.refresh_from_db()
    case = complete(first_case(audit, member), member)
    assert quality_assure(case, actor=lead).status == CaseStatus.QUALITY_ASSURED
    outsider = user("q-other", Role.PROVIDER_QUALITY_TEAM)
    provider("Otherfen CRC").quality_team_members.add(outsider)
    assert audit not in visible_inspections(outsider)
    with pytest.raises(Refused):
        open_query(case, "why?", actor=outsider)


def test_my_cases_and_progress_count_each_status(framework_version) -> None:
    crew = team()
    inspection = inspection_in_fieldwork(framework_version, crew)
    inspector = crew.inspectors[0]
    case = complete(first_case(inspection, inspector), inspector)
    open_query(case, "Check 2.1.1", question_id="2.1.1", actor=crew.lead)
    mine = list(my_cases(inspector))
    assert mine and all(c.assigned_to == inspector for c in mine)
    assert {c.pk: c.open_queries for c in mine}[case.pk] == 1
    per_inspector = progress(inspection, "inspector")
    assert per_inspector[inspector.username]["queried"] == 1
    assert (
        sum(per_inspector[inspector.username].values())
        == CaseAssessment.objects.filter(inspection=inspection, assigned_to=inspector).count()
    )
    per_sample = progress(inspection, "sample")
    assert per_sample["case_supervision"]["queried"] == 1
    assert sum(sum(c.values()) for c in per_sample.values()) == inspection.assessments.count()


def test_an_oversized_api_body_is_refused_before_it_is_read(framework_version, settings) -> None:
    crew = team()
    inspection = inspection_in_fieldwork(framework_version, crew)
    case = first_case(inspection, crew.inspectors[0])
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _, token = create_token(crew.inspectors[0], actor=crew.inspectors[0])
    client = Client(headers={"Authorization": f"Bearer {token}"})
    body = '{"version": 1, "answers": {"2.1.1": "yes"}, "pad": "' + "x" * 5000 + '"}'
    response = client.patch(
        f"/api/inspections/{inspection.pk}/cases/{case.pk}",
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "The request is too large: 5 KB sent, and at most 1 KB is accepted."
    )
    case.refresh_from_db()
    assert case.version == 1
