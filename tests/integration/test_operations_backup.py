"""Backup and restore: every row of every table (audit events included) comes back, and a
backup whose manifest does not match what it holds is refused before the database is touched.

Run on SQLite (in memory, through the online backup API) and, by `make test`, on PostgreSQL
(pg_dump and pg_restore). Tables are compared generically, so tables added later are covered.
"""

from __future__ import annotations

import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from typer.testing import CliRunner

from sufficiency.cli import app
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.operations import backup
from sufficiency.web.operations.manifest import MANIFEST_NAME, Manifest, ManifestError
from sufficiency.web.published import services as published
from sufficiency.web.published.models import PublishedReport, ReportFormat

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only

Rows = dict[str, list[str]]


def every_row() -> Rows:
    """Every row of every table, as text, sorted: what a restore must give back exactly."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        rows: Rows = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows[table] = sorted(repr(tuple(row)) for row in cursor.fetchall())
    return rows


def assert_restored(expected: Rows) -> None:
    """Every row is back as it was, and the restore is the audit log's one new event."""
    now, before = every_row(), dict(expected)
    events, events_before = now.pop("audit_auditevent"), before.pop("audit_auditevent")
    assert now == before
    assert set(events_before) < set(events) and len(events) == len(events_before) + 1
    latest = AuditEvent.objects.order_by("-id").first()
    assert latest is not None and latest.action == Action.DATABASE_RESTORED


def destroy_database() -> None:
    """Drop every table, as a lost disk or a bad migration would leave it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
        assert connection.introspection.table_names(cursor) == []


@pytest.fixture
def workspace(published_expected: dict[str, dict[str, object]]) -> Rows:
    """A database with something in every area: framework, users and roles, published reports
    with a revision, the demo inspection and its samples, and their audit events."""
    call_command("seed_demo", stdout=StringIO())
    essex = dict(published_expected["essex-crc-2018"])
    published.import_parsed(essex, report_format=ReportFormat.TEXT, source_filename="essex.txt")
    essex["overall_rating"] = "Good"  # a changed parse: the first is kept as a revision
    published.import_parsed(essex, report_format=ReportFormat.TEXT, source_filename="essex2.txt")
    rows = every_row()
    assert rows["audit_auditevent"] and rows["published_publishedreportrevision"]
    return rows


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_backup_restores_every_row_and_audit_event_after_the_database_is_lost(
    workspace: Rows, tmp_path: Path
) -> None:
    target = tmp_path / "sufficiency.backup"
    out = run("backup", "--output", str(target))
    assert f"Backed up to {target}" in out and "hmip-probation-2018 (2018/19)" in out

    manifest = backup.read_manifest(target)
    assert manifest.engine == connection.vendor
    assert manifest.tables == {table: len(rows) for table, rows in workspace.items()}
    assert [f["framework_id"] for f in manifest.frameworks] == ["hmip-probation-2018"]

    destroy_database()
    kept = tmp_path / "kept.backup"
    out = run("restore", str(target), "--yes", "--keep-current", str(kept))
    assert "every table matches the manifest" in out
    assert_restored(workspace)
    assert backup.read_manifest(kept).tables == {}  # what was there before: nothing
    # The restored database works as before through the ORM, not only row for row.
    assert AuditEvent.objects.count() == len(workspace["audit_auditevent"]) + 1
    assert (
        PublishedReport.objects.filter(provider__startswith="Essex").get().overall_rating == "Good"
    )


def test_rows_written_after_the_backup_are_gone_after_restoring_it(
    workspace: Rows, tmp_path: Path
) -> None:
    target = tmp_path / "before.backup"
    backup.create_backup(target)
    assert AuditEvent.objects.filter(action=Action.DATABASE_BACKED_UP).count() == 1
    call_command("seed_demo", stdout=StringIO())  # new passwords: more audit events
    newer = every_row()
    assert newer != workspace
    kept = tmp_path / "kept" / "newer.backup"
    backup.restore_backup(target, keep_current=kept)
    assert_restored(workspace)
    # Nothing is lost for good: the newer events are in the copy kept before restoring.
    assert backup.read_manifest(kept).tables == {t: len(r) for t, r in newer.items()}


def rewrite_manifest(source: Path, target: Path, **changes: object) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == MANIFEST_NAME:
                raw = json.loads(data)
                for key, value in changes.items():
                    raw[key] = value(raw[key]) if callable(value) else value
                data = json.dumps(raw).encode()
            new.writestr(info, data)


def test_a_backup_whose_manifest_does_not_match_is_refused_and_nothing_changes(
    workspace: Rows, tmp_path: Path
) -> None:
    good = tmp_path / "good.backup"
    backup.create_backup(good)
    call_command("seed_demo", stdout=StringIO())
    now = every_row()

    one_more_event = tmp_path / "counts.backup"
    rewrite_manifest(
        good,
        one_more_event,
        tables=lambda t: {**t, "audit_auditevent": t["audit_auditevent"] + 1},
    )
    other_bytes = tmp_path / "sha.backup"
    rewrite_manifest(good, other_bytes, sha256="0" * 64)
    other_engine = tmp_path / "engine.backup"
    rewrite_manifest(
        good, other_engine, engine="postgresql" if connection.vendor == "sqlite" else "sqlite"
    )
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a backup\n")

    refusals = {
        one_more_event: "audit_auditevent: .* rows, the manifest counts",
        other_bytes: "SHA-256",
        other_engine: "this installation uses",
        not_a_backup: "cannot be read as a backup",
    }
    for path, reason in refusals.items():
        with pytest.raises(ManifestError, match=reason):
            backup.restore_backup(path)
        result = CliRunner().invoke(app, ["restore", str(path), "--yes", "--no-keep"])
        assert result.exit_code == 2 and "refused" in result.output, result.output
        assert every_row() == now, f"{path.name} changed the database"


def test_the_manifest_reads_back_what_was_written() -> None:
    manifest = Manifest(
        engine="sqlite",
        database_file="database.sqlite3",
        sha256="ab" * 32,
        size=10,
        tables={"a": 1, "b": 2},
        frameworks=[],
        created_at="2026-01-01T00:00:00+00:00",
    )
    assert Manifest.from_json(manifest.to_json().encode()) == manifest
    assert manifest.total_rows == 3
    with pytest.raises(ManifestError, match="not a Sufficiency backup"):
        Manifest.from_json(b'{"format": "something-else"}')
    with pytest.raises(ManifestError, match="table counts"):
        Manifest.from_json(manifest.to_json().replace('"a": 1', '"a; DROP TABLE b": 1').encode())
    with pytest.raises(ManifestError, match="format version"):
        Manifest.from_json(
            json.dumps({"format": "sufficiency-backup", "format_version": 99}).encode()
        )
