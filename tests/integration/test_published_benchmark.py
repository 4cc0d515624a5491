"""Upload through the page, the benchmark page and API, the CSV export, and the CLI commands."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from sufficiency.cli import app as cli_app
from sufficiency.published.benchmark import DATASET_COLUMNS
from sufficiency.web.accounts.services import Role
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.published.models import PublishedReport, ReportFormat
from sufficiency.web.published.services import import_parsed

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]
Expected = dict[str, dict[str, Any]]
ESSEX = "Essex Community Rehabilitation Company"
SHARED_REPORTS = ("essex-crc-2018", "dorset-devon-cornwall-crc-2019")


@pytest.fixture
def stored_pair(published_expected: Expected) -> list[PublishedReport]:
    return [
        import_parsed(parsed, report_format=ReportFormat.TEXT).report
        for parsed in published_expected.values()
    ]


def test_upload_a_report_text_parses_checks_and_stores_it(
    shared_dir: Path, client_as: ClientFactory, published_expected: Expected
) -> None:
    client = client_as(Role.INSPECTOR)
    text = (shared_dir / "published" / "essex-crc-2018.txt").read_bytes()
    response = client.post(
        reverse("published:upload"), {"file": SimpleUploadedFile("essex.txt", text)}
    )
    assert response.status_code == 302
    report = PublishedReport.objects.get()
    expected = published_expected["essex-crc-2018"]
    for field in ("provider", "overall_rating", "standards", "key_questions", "samples"):
        assert report.parsed[field] == expected[field]
    assert report.format == ReportFormat.TEXT and report.source_filename == "essex.txt"
    assert report.publication_date == report.parsed["publication_date"]
    page = client.get(response["Location"]).content.decode()
    assert "Report stored" in page and "Ratings panel" in page and "Consistent" in page

    again = client.post(
        reverse("published:upload"), {"file": SimpleUploadedFile("essex.txt", text)}
    )
    assert "already stored" in client.get(again["Location"]).content.decode()
    assert PublishedReport.objects.count() == 1


def test_a_file_that_is_not_a_report_is_refused_with_an_error_summary(
    client_as: ClientFactory,
) -> None:
    client = client_as(Role.INSPECTOR)
    response = client.post(
        reverse("published:upload"),
        {"file": SimpleUploadedFile("notes.txt", b"Shopping list: bread, milk.\n")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "The report could not be stored" in html
    # The upload is named by its own name, never by a temporary path on the server.
    assert "notes.txt does not look like a published inspection report" in html
    assert "sufficiency-upload" not in html
    assert PublishedReport.objects.count() == 0
    event = AuditEvent.objects.get(action=Action.REPORT_REJECTED)
    assert "notes.txt does not look like" in event.detail["reason"]


def test_benchmark_page_has_the_table_and_an_accessible_inline_chart(
    stored_pair: list[PublishedReport], provider_client: Callable[[str], Client]
) -> None:
    client = provider_client(ESSEX)
    response = client.get(reverse("published:benchmark"), {"provider": ESSEX})
    html = response.content.decode()
    assert response.status_code == 200
    assert "compared with other providers" in html
    assert "2.1.1 Does assessment focus sufficiently on engaging the service user?" in html
    assert "1 of 2" in html  # Essex's 82% on 2.1.1 is the higher of the two
    assert '<svg role="img" aria-labelledby="benchmark-chart-caption"' in html
    assert 'id="benchmark-chart-caption"' in html
    missing = client.get(reverse("published:benchmark"), {"provider": "Nowhere CRC"})
    assert missing.status_code == 404


def test_benchmark_api(stored_pair: list[PublishedReport], client_as: ClientFactory) -> None:
    client = client_as(Role.INSPECTOR)
    body = client.get("/api/benchmark", {"provider": "essex"}).json()
    assert body["provider"] == ESSEX and body["reports"] == 2
    first = body["key_questions"][0]
    assert first["id"] == "2.1.1" and first["value"] == 82 and first["rank"] == 1
    assert client.get("/api/benchmark", {"provider": "Nowhere"}).status_code == 404


def test_dataset_export_is_csv_of_every_report_and_is_audited(
    stored_pair: list[PublishedReport], client_as: ClientFactory
) -> None:
    client = client_as(Role.LEAD_INSPECTOR)
    response = client.get(reverse("published:dataset"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0].keys()) == DATASET_COLUMNS
    assert len(rows) == sum(len(r.parsed["key_questions"]) for r in stored_pair)
    assert {r["provider"] for r in rows} == {r.provider for r in stored_pair}
    export = AuditEvent.objects.get(action=Action.DATASET_EXPORTED)
    assert export.actor_name == "test-lead-inspector" and export.detail["reports"] == 2


def import_shared_reports(runner: CliRunner, shared_dir: Path) -> None:
    """Both shared reports stored through `sufficiency published import`."""
    reports = [str(shared_dir / "published" / f"{name}.txt") for name in SHARED_REPORTS]
    imported = runner.invoke(cli_app, ["published", "import", *reports])
    assert imported.exit_code == 0, imported.output


def test_cli_import_is_idempotent_and_compare_prints_json(shared_dir: Path) -> None:
    runner = CliRunner()
    report = str(shared_dir / "published" / "essex-crc-2018.txt")
    first = runner.invoke(cli_app, ["published", "import", report])
    assert first.exit_code == 0, first.output
    assert "created" in first.output
    second = runner.invoke(cli_app, ["published", "import", report])
    assert "unchanged" in second.output
    assert PublishedReport.objects.count() == 1
    compared = runner.invoke(cli_app, ["published", "compare", "Essex", "--format", "json"])
    assert compared.exit_code == 0, compared.output
    assert '"provider": "Essex Community Rehabilitation Company"' in compared.output
    unknown = runner.invoke(cli_app, ["published", "compare", "Nowhere"])
    assert unknown.exit_code == 2


def test_cli_compare_writes_the_chart(shared_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    import_shared_reports(runner, shared_dir)
    chart = tmp_path / "essex.svg"
    result = runner.invoke(cli_app, ["published", "compare", "Essex", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    svg = chart.read_text(encoding="utf-8")
    assert svg.startswith("<svg ") and 'role="img"' in svg
    assert "<title>Key questions: Essex Community Rehabilitation Company beside" in svg
    assert "2.4.3" in svg  # a key question label on the axis


def test_cli_export_writes_the_dataset_and_audits_it(shared_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    import_shared_reports(runner, shared_dir)
    output = tmp_path / "dataset.csv"
    result = runner.invoke(cli_app, ["published", "export", "--output", str(output)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert len(rows) == 2 * 19  # one row per report per key question
    essex = {r["key_question"]: r for r in rows if r["provider"].startswith("Essex")}
    assert essex["2.4.3"]["percent_yes"] == "49"
    (export,) = AuditEvent.objects.filter(action=Action.DATASET_EXPORTED)
    assert export.actor is None
    assert export.actor_name.startswith("command line (")


def test_cli_import_reports_a_file_it_cannot_read(tmp_path: Path) -> None:
    not_a_report = tmp_path / "notes.txt"
    not_a_report.write_text("Nothing to see here.\n", encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["published", "import", str(not_a_report)])
    assert result.exit_code == 2
    assert PublishedReport.objects.count() == 0


def test_the_stored_format_is_what_the_bytes_are_not_what_the_name_says(
    shared_dir: Path, client_as: ClientFactory
) -> None:
    client = client_as(Role.INSPECTOR)
    text = (shared_dir / "published" / "essex-crc-2018.txt").read_bytes()
    client.post(reverse("published:upload"), {"file": SimpleUploadedFile("essex.pdf", text)})
    assert PublishedReport.objects.get().format == ReportFormat.TEXT


def test_cli_import_prints_a_path_with_brackets_as_it_is(shared_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "[bold]reports"
    folder.mkdir()
    report = folder / "essex.txt"
    report.write_bytes((shared_dir / "published" / "essex-crc-2018.txt").read_bytes())
    refused = folder / "notes [b].txt"
    refused.write_text("Nothing to see here.\n", encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["published", "import", str(report), str(refused)])
    assert result.exit_code == 2
    assert f"{report}: created" in result.output
    assert f"{refused}:" in result.output
