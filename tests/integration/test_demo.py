"""The demo workspace behind `make run`: idempotent, invented data only, fresh passwords."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from sufficiency.framework import load_framework
from sufficiency.web.accounts.services import Role, roles_of
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus, Query
from sufficiency.web.demo.services import DEMO_PROVIDERS, DEMO_USERS
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.models import Inspection, InspectionKind, InspectionStatus
from sufficiency.web.published.models import PublishedReport

pytestmark = pytest.mark.django_db


def seed() -> dict[str, str]:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return dict(re.findall(r"^\s+(demo-[a-z0-9-]+)\s+(\S+)\s+\(", out.getvalue(), flags=re.M))


def test_seeding_twice_is_idempotent_and_gives_new_passwords() -> None:
    first = seed()
    second = seed()
    assert set(first) == {username for username, _, _ in DEMO_USERS}
    assert all(first[name] != second[name] for name in first)
    request = RequestFactory().post("/")
    for username, role, _ in DEMO_USERS:
        user = authenticate(request, username=username, password=second[username])
        assert isinstance(user, User) and roles_of(user) == [role]
        assert authenticate(request, username=username, password=first[username]) is None
    assert FrameworkVersion.objects.count() == 1
    assert PublishedReport.objects.count() == len(DEMO_PROVIDERS)
    assert Inspection.objects.count() == 3  # the inspection, the completed one, the self-audit


def test_demo_reports_are_synthetic_and_consistent_with_the_rating_rules() -> None:
    seed()
    reports = PublishedReport.objects.all()
    assert all(r.synthetic and r.parsed["synthetic"] is True for r in reports)
    framework = load_framework("hmip-probation-2018")
    assert framework.sampling is not None
    sample_ids = {s.id for s in framework.sampling.samples}
    for report in reports:
        # The provider kind and the samples come from the framework: a CRC, every sample counted.
        assert report.provider_type == "CRC"
        assert report.provider.endswith(" Community Rehabilitation Company")
        assert set(report.parsed["samples"]) == sample_ids
        assert all(v > 0 for v in report.parsed["samples"].values())
        figures = {q["id"]: q["percent_yes"] for q in report.parsed["key_questions"]}
        assert len(figures) == 19 and all(15 <= v <= 98 for v in figures.values())
        assert report.overall_rating in {
            "Outstanding",
            "Good",
            "Requires improvement",
            "Inadequate",
        }


def test_demo_inspection_is_in_fieldwork_with_work_in_every_state() -> None:
    seed()
    inspection = Inspection.objects.get(
        kind=InspectionKind.INSPECTION, status=InspectionStatus.FIELDWORK
    )  # the other is the completed one, in reporting (test_reports_demo.py)
    samples = {s.sample_type: s for s in inspection.samples.all()}
    assert set(samples) == {"case_supervision", "unpaid_work", "through_the_gate"}
    case_supervision = samples["case_supervision"]
    assert case_supervision.cases.filter(selection="sample").count() == case_supervision.size
    assert sum(s.sampled for s in case_supervision.strata.all()) == case_supervision.size
    cases = CaseAssessment.objects.filter(inspection=inspection)
    assert {c.assigned_to.username for c in cases} == {"demo-inspector", "demo-inspector-2"}
    statuses = {status: cases.filter(status=status).count() for status in CaseStatus}
    assessed = cases.count() - statuses[CaseStatus.NOT_STARTED]
    assert abs(assessed - cases.count() / 2) <= 1  # about half
    assert statuses[CaseStatus.QUALITY_ASSURED] > 0 and statuses[CaseStatus.QUERIED] > 0
    assert Query.objects.filter(case__inspection=inspection, status="open").count() == 3

    audit = Inspection.objects.get(kind=InspectionKind.SELF_AUDIT)
    assert audit.provider == inspection.provider and audit.lead.username == "demo-quality"
    labels = dict(case_supervision.strata.values_list("key", "label"))
    assert labels["male/community_order/medium"] == "Male, community order, medium RoSH"

    client = Client()
    client.force_login(User.objects.get(username="demo-inspector"))
    html = client.get(reverse("demo:inspection")).content.decode()
    assert f"Case supervision sample: {case_supervision.size} cases" in html
    assert Role.INSPECTOR.value in client.get(reverse("core:home")).content.decode()
