"""Published reports: idempotent storage, history when a parse changes, pages, audit."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sufficiency.published.model import fingerprint
from sufficiency.web.accounts.services import Role
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.published import services
from sufficiency.web.published.models import (
    ProviderType,
    PublishedReport,
    PublishedReportRevision,
    ReportFormat,
)

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]
Expected = dict[str, dict[str, Any]]


def store(parsed: dict[str, Any], **kwargs: Any) -> services.ImportOutcome:
    return services.import_parsed(parsed, report_format=ReportFormat.TEXT, **kwargs)


def test_the_same_report_twice_is_one_record(published_expected: Expected) -> None:
    essex = published_expected["essex-crc-2018"]
    first = store(essex, source_filename="essex.txt")
    again = store(copy.deepcopy(essex), source_filename="essex-copy.txt")
    assert first.status is services.ImportStatus.CREATED
    assert again.status is services.ImportStatus.UNCHANGED
    assert again.report.pk == first.report.pk
    assert PublishedReport.objects.count() == 1
    assert PublishedReportRevision.objects.count() == 0
    stored = PublishedReport.objects.get()
    assert stored.parsed == essex
    assert stored.provider == "Essex Community Rehabilitation Company"
    assert stored.provider_type == ProviderType.CRC
    assert stored.overall_rating == "Requires improvement"
    assert stored.fingerprint == fingerprint(essex)


def test_a_changed_parse_replaces_the_record_and_keeps_the_old_one(
    published_expected: Expected,
) -> None:
    original = published_expected["dorset-devon-cornwall-crc-2019"]
    store(original, source_filename="ddc-v1.txt")
    reparsed = copy.deepcopy(original)
    reparsed["key_questions"][0]["percent_yes"] += 1
    outcome = store(reparsed, source_filename="ddc-v2.txt")
    assert outcome.status is services.ImportStatus.UPDATED
    assert outcome.revision is not None
    report = PublishedReport.objects.get()
    assert report.parsed == reparsed and report.source_filename == "ddc-v2.txt"
    (revision,) = report.revisions.all()
    assert revision.parsed == original and revision.source_filename == "ddc-v1.txt"
    assert revision.fingerprint == fingerprint(original)
    updated = AuditEvent.objects.get(action=Action.REPORT_UPDATED)
    assert updated.detail["previous_fingerprint"] == revision.fingerprint


def test_two_providers_are_two_records_and_every_import_is_audited(
    published_expected: Expected,
) -> None:
    for parsed in published_expected.values():
        store(parsed)
    for parsed in published_expected.values():
        store(parsed)
    assert PublishedReport.objects.count() == 2
    assert AuditEvent.objects.filter(action=Action.REPORT_IMPORTED).count() == 2
    assert AuditEvent.objects.filter(action=Action.REPORT_UNCHANGED).count() == 2


def test_the_same_provider_at_another_date_is_another_inspection(
    published_expected: Expected,
) -> None:
    essex = published_expected["essex-crc-2018"]
    store({**essex, "publication_date": "2018-10"})
    store({**essex, "publication_date": "2020-03"})
    assert PublishedReport.objects.count() == 2
    labels = sorted(r.publication_label for r in PublishedReport.objects.all())
    assert labels == ["March 2020", "October 2018"]


def test_a_record_without_a_provider_is_refused() -> None:
    with pytest.raises(services.ReportRejected):
        store({"overall_rating": "Good"})
    assert PublishedReport.objects.count() == 0


def test_pages_list_and_show_a_report_with_its_history(
    published_expected: Expected, client_as: ClientFactory
) -> None:
    essex = published_expected["essex-crc-2018"]
    store(essex)
    changed = copy.deepcopy(essex)
    changed["overall_rating"] = "Good"
    report = store(changed).report
    client = client_as(Role.INSPECTOR)
    listing = client.get(reverse("published:list")).content.decode()
    assert "Essex Community Rehabilitation Company" in listing
    html = client.get(reverse("published:detail", args=[report.pk])).content.decode()
    assert "Does assessment focus sufficiently on engaging the service user?" in html
    assert "82%" in html
    assert "Requires improvement" in html  # the panel adjustment table
    assert "History" in html and "This is the only parse" not in html
