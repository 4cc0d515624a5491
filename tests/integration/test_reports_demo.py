"""The demo workspace's reports: the completed inspection (every case quality-assured, the panel
signed off with one adjustment, the narrative written, in reporting) and the fieldwork
inspection's draft both build, through the flow the pages and the command line use."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sufficiency.reporting.formats import ReportFormat
from sufficiency.web.assessments.models import CaseStatus
from sufficiency.web.demo.completed import COMPLETED_PROVIDER, PANEL_REASON
from sufficiency.web.demo.inspection import DEMO_PROVIDER
from sufficiency.web.inspections.models import Inspection, InspectionKind, InspectionStatus
from sufficiency.web.reports.flow import build
from sufficiency.web.results import services as results

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_completed_inspection_whose_report_builds_and_a_draft_that_builds() -> None:
    call_command("seed_demo", stdout=StringIO())
    completed = Inspection.objects.get(provider__name=COMPLETED_PROVIDER)
    assert completed.status == InspectionStatus.REPORTING
    assert not completed.assessments.exclude(status=CaseStatus.QUALITY_ASSURED).exists()
    panel = results.panel_of(completed)
    assert panel is not None and panel.signed_off
    ratings = results.live(completed).result
    assert [s.reason for s in ratings.standards if s.panel_adjusted] == [PANEL_REASON]
    assert ratings.overall is not None

    (html,) = build(completed, ReportFormat.HTML, actor="test").values()
    text = html.decode()
    assert "Settled accommodation" in text and "Draft" in text
    assert PANEL_REASON in text
    fieldwork = Inspection.objects.get(provider__name=DEMO_PROVIDER, kind=InspectionKind.INSPECTION)
    assert fieldwork.status == InspectionStatus.FIELDWORK
    (draft,) = build(fieldwork, ReportFormat.HTML, actor="test").values()
    assert "no overall rating yet" in draft.decode()
