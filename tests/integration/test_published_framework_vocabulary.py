"""The published-report pages and records take their vocabulary from the framework: the samples
a report page lists, the kinds of provider a report is of (the stored column's choices), and a
refused upload's problems, one line each in the one problem shape."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from published_builders import Spec, build
from sufficiency.framework import load_framework
from sufficiency.web.accounts.services import Role
from sufficiency.web.published import services
from sufficiency.web.published.models import OTHER_PROVIDER, ProviderType, ReportFormat

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]
FRAMEWORK = load_framework("hmip-probation-2018")


def test_a_report_page_lists_each_of_the_framework_s_samples_by_its_name(
    published_expected: dict[str, dict[str, Any]], client_as: ClientFactory
) -> None:
    essex = copy.deepcopy(published_expected["essex-crc-2018"])
    del essex["samples"]["through_the_gate"]  # a sample the report does not give
    essex["samples"]["victim_contact"] = 25  # and one the framework does not have
    report = services.import_parsed(essex, report_format=ReportFormat.TEXT).report
    html = client_as(Role.INSPECTOR).get(reverse("published:detail", args=[report.pk]))
    page = " ".join(html.content.decode().split())
    counts = {"case_supervision": "100", "unpaid_work": "36", "through_the_gate": "–"}
    assert list(FRAMEWORK.samples) == list(counts)
    for sample in FRAMEWORK.samples.values():
        assert f"<li>{sample.name}: {counts[sample.id]}</li>" in page
    assert "<li>victim_contact: 25</li>" in page  # nothing stored goes unshown


def test_the_kinds_of_provider_are_the_framework_s_provider_values() -> None:
    column = FRAMEWORK.provider_column
    assert column is not None
    assert ProviderType.choices == [
        *((v.value, v.name) for v in column.values),
        (OTHER_PROVIDER, "Other"),
    ]


@pytest.mark.parametrize(
    ("provider", "kind"),
    [
        ("Essex Community Rehabilitation Company", "CRC"),
        ("Fenmarsh and Westvale CRC", "CRC"),
        ("National Probation Service Midshire and Fenland Division", "NPS"),
        ("NPS Midshire and Fenland", "NPS"),
        ("Marsh Vale Youth Justice Service", OTHER_PROVIDER),
    ],
)
def test_a_report_s_provider_kind_is_found_by_the_framework_s_value_or_name(
    provider: str, kind: str
) -> None:
    assert services.provider_type_of({"provider": provider}) == kind
    assert services.provider_type_of({"provider": provider, "provider_type": "nps"}) == "NPS"


def test_the_stored_choices_are_the_migrated_ones() -> None:
    """The column's choices come from the framework file: a change there needs a migration,
    and this fails until it is written."""
    call_command("makemigrations", "published", "--check", "--dry-run", verbosity=0)


def test_a_refused_upload_lists_each_problem_in_one_line(client_as: ClientFactory) -> None:
    text = build(Spec()).replace("Overall rating\n\n", "Overall\n\n").replace("is rated as:", "is:")
    response = client_as(Role.INSPECTOR).post(
        reverse("published:upload"),
        {"file": SimpleUploadedFile("partial.txt", text.encode())},
    )
    html = " ".join(response.content.decode().split())
    assert "partial.txt is not a complete published inspection report" in html
    assert (
        "partial.txt: overall_rating: no overall rating (&#x27;Overall rating&#x27; followed by "
        "a rating)" in html
    )
