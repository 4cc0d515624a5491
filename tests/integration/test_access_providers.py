"""Permissions are checked where the action happens; a provider's team sees only its provider."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sufficiency.web.accounts.services import Role
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.published.models import PublishedReport, ReportFormat
from sufficiency.web.published.services import import_parsed, parse_bytes

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]
Expected = dict[str, dict[str, Any]]
ESSEX = "Essex Community Rehabilitation Company"
DORSET = "Dorset, Devon and Cornwall Community Rehabilitation Company"


def _upload_essex(client: Client, shared_dir: Path) -> Any:
    text = (shared_dir / "published" / "essex-crc-2018.txt").read_bytes()
    return client.post(reverse("published:upload"), {"file": SimpleUploadedFile("essex.txt", text)})


def test_replacing_stored_figures_needs_change_publishedreport(
    client_as: ClientFactory, shared_dir: Path
) -> None:
    text = (shared_dir / "published" / "essex-crc-2018.txt").read_bytes()
    parsed = parse_bytes(text, "essex.txt").parsed
    stored = copy.deepcopy(parsed)
    stored["key_questions"][0]["percent_yes"] += 1  # a different parse of the same inspection
    report = import_parsed(stored, report_format=ReportFormat.JSON, synthetic=True).report

    refused = _upload_essex(client_as(Role.INSPECTOR), shared_dir)
    assert refused.status_code == 200
    assert "replacing stored figures needs a lead inspector" in refused.content.decode()
    report.refresh_from_db()
    assert report.parsed == stored and report.synthetic  # figures and tag as they were
    assert report.revisions.count() == 0
    event = AuditEvent.objects.get(action=Action.REPORT_REJECTED)
    assert event.actor_name == "test-inspector" and "lead inspector" in event.detail["reason"]

    replaced = _upload_essex(client_as(Role.LEAD_INSPECTOR), shared_dir)
    assert replaced.status_code == 302
    report.refresh_from_db()
    assert report.parsed == parsed and not report.synthetic
    assert report.revisions.count() == 1


def test_an_inspector_may_still_add_a_report_not_yet_stored(
    client_as: ClientFactory, shared_dir: Path
) -> None:
    assert _upload_essex(client_as(Role.INSPECTOR), shared_dir).status_code == 302
    assert PublishedReport.objects.filter(provider=ESSEX).exists()


@pytest.fixture
def two_providers(published_expected: Expected) -> dict[str, PublishedReport]:
    return {
        parsed["provider"]: import_parsed(parsed, report_format=ReportFormat.TEXT).report
        for parsed in published_expected.values()
    }


def test_a_provider_team_sees_only_its_own_provider(
    two_providers: dict[str, PublishedReport], provider_client: Callable[[str], Client]
) -> None:
    essex, dorset = two_providers[ESSEX], two_providers[DORSET]
    client = provider_client(ESSEX)
    listing = client.get(reverse("published:list")).content.decode()
    assert ESSEX in listing and DORSET not in listing
    assert client.get(reverse("published:detail", args=[essex.pk])).status_code == 200
    assert client.get(reverse("published:detail", args=[dorset.pk])).status_code == 404
    index = client.get(reverse("published:benchmark_index")).content.decode()
    assert ESSEX in index and DORSET not in index
    own = client.get(reverse("published:benchmark"), {"provider": ESSEX})
    assert own.status_code == 200  # its own figures beside the public benchmark
    other = client.get(reverse("published:benchmark"), {"provider": "Dorset"})
    assert other.status_code == 404 and DORSET not in other.content.decode()
    # The API, likewise.
    assert [r["provider"] for r in client.get("/api/published").json()] == [ESSEX]
    assert client.get(f"/api/published/{dorset.pk}").status_code == 404
    assert client.get("/api/benchmark", {"provider": "Dorset"}).status_code == 404
    assert client.get("/api/benchmark", {"provider": ESSEX}).status_code == 200
    # Inspection data (a caseload and its samples) is the inspectorate's: the demo page shows
    # only inspections the user may see (see the seeded demo's test below).


def test_a_provider_team_user_with_no_provider_sees_no_provider(
    two_providers: dict[str, PublishedReport], client_as: ClientFactory
) -> None:
    client = client_as(Role.PROVIDER_QUALITY_TEAM)
    assert client.get("/api/published").json() == []
    assert client.get("/api/benchmark", {"provider": ESSEX}).status_code == 404


def test_the_inspectorate_sees_every_provider(
    two_providers: dict[str, PublishedReport], client_as: ClientFactory
) -> None:
    client = client_as(Role.INSPECTOR)
    assert {r["provider"] for r in client.get("/api/published").json()} == {ESSEX, DORSET}


def test_a_provider_team_never_sees_the_inspectorates_user_names(
    published_expected: Expected,
    make_user: Callable[..., Any],
    provider_client: Callable[[str], Client],
    client_as: ClientFactory,
) -> None:
    essex = published_expected["essex-crc-2018"]
    importer = make_user(Role.INSPECTOR, "ines-importer-fictional")
    replacer = make_user(Role.LEAD_INSPECTOR, "rowan-replacer-fictional")
    report = import_parsed(essex, report_format=ReportFormat.TEXT, actor=importer).report
    changed = copy.deepcopy(essex)
    changed["key_questions"][0]["percent_yes"] += 1
    import_parsed(changed, report_format=ReportFormat.TEXT, actor=replacer)
    url = reverse("published:detail", args=[report.pk])
    seen_by_provider = provider_client(ESSEX).get(url).content.decode()
    assert "rowan-replacer-fictional" not in seen_by_provider
    assert "ines-importer-fictional" not in seen_by_provider
    seen_by_inspector = client_as(Role.INSPECTOR).get(url).content.decode()
    assert "rowan-replacer-fictional" in seen_by_inspector


def test_the_demo_provider_team_sees_its_own_provider_only() -> None:
    from django.contrib.auth.models import User

    from sufficiency.web.demo.services import DEMO_PROVIDER_OF_TEAM, seed

    seed(7)
    client = Client()
    client.force_login(User.objects.get(username="demo-quality"))
    providers = {r["provider"] for r in client.get("/api/published").json()}
    assert providers == {DEMO_PROVIDER_OF_TEAM}
    # The inspectorate's inspection of its provider, in fieldwork, is not the team's to see: the
    # demo page that shows its caseload and samples to the lead shows the team none of its cases.
    from sufficiency.web.inspections.models import InspectionKind, SampledCase

    sampled = set(
        SampledCase.objects.filter(
            sample__inspection__kind=InspectionKind.INSPECTION,
            sample__inspection__status="fieldwork",
        ).values_list("case__case_id", flat=True)
    )
    lead = Client()
    lead.force_login(User.objects.get(username="demo-lead"))
    shown_to_lead = lead.get(reverse("demo:inspection")).content.decode()
    shown_to_team = client.get(reverse("demo:inspection")).content.decode()
    assert sampled and any(case_id in shown_to_lead for case_id in sampled)
    assert not any(case_id in shown_to_team for case_id in sampled)
    assert PublishedReport.objects.count() > 1
