"""Backup and restore: a consistent copy of the database, taken while the service runs.

A backup is one zip file: ``manifest.json`` (see :mod:`.manifest`) and the database copy, made by
SQLite's online backup API (``database.sqlite3``) or by ``pg_dump`` in its custom format
(``database.pgdump``). On PostgreSQL the rows are counted inside the very snapshot ``pg_dump``
copies, so the manifest and the copy always agree, however busy the service is.

A restore checks the file before it touches the database: the manifest's format, the engine, the
copy's size and SHA-256, and (for SQLite) the copy's own integrity and row counts. After restoring
it counts every table again and fails loudly if any differs from the manifest.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, connection

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.operations import postgres
from sufficiency.web.operations.manifest import (
    MANIFEST_MAX_BYTES,
    MANIFEST_NAME,
    BackupError,
    Cursor,
    Manifest,
    ManifestError,
    count_rows,
    differences,
    stored_frameworks,
)

SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
_CHUNK = 1024 * 1024


def engine() -> str:
    """The database engine in use, as a backup's manifest names it."""
    if connection.vendor in {"sqlite", "postgresql"}:
        return connection.vendor
    raise BackupError(f"backups of a {connection.vendor} database are not supported")


def _frameworks_table() -> str:
    return str(apps.get_model("frameworks", "FrameworkVersion")._meta.db_table)


def summary(cursor: Cursor, tables: list[str]) -> tuple[dict[str, int], list[dict[str, str]]]:
    """Rows per table and the framework versions stored, as ``cursor`` sees the database."""
    quote = connection.ops.quote_name
    counts = count_rows(cursor, tables, quote)
    table = _frameworks_table()
    frameworks = stored_frameworks(cursor, table, quote) if table in counts else []
    return counts, frameworks


def _sqlite_tables(cursor: sqlite3.Cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [str(name) for (name,) in cursor.fetchall()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- Backing up -------------------------------------------------------------------------------


def create_backup(output: Path, actor: Actor = None, *, audited: bool = True) -> Manifest:
    """Write a backup of the database to ``output`` (replaced only once the copy is whole).
    Who took a copy of everything is audited (after the copy, so not in it), except for the copy
    a restore keeps, which its own audit event names."""
    kind = engine()
    output = output.resolve()
    if not output.parent.is_dir():
        raise BackupError(f"cannot write {output}: its folder does not exist")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        if kind == "sqlite":
            copy = Path(work) / SQLITE_MEMBER
            counts, frameworks = _copy_sqlite(copy)
        else:
            copy = Path(work) / POSTGRES_MEMBER
            counts, frameworks = postgres.dump(copy, summary)
        manifest = Manifest(
            engine=kind,
            database_file=copy.name,
            sha256=_sha256(copy),
            size=copy.stat().st_size,
            tables=counts,
            frameworks=frameworks,
            created_at=_now(),
        )
        partial = Path(work) / "backup.zip"
        compression = zipfile.ZIP_DEFLATED if kind == "sqlite" else zipfile.ZIP_STORED
        with zipfile.ZipFile(partial, "w", compression=compression) as archive:
            archive.writestr(MANIFEST_NAME, manifest.to_json())
            archive.write(copy, copy.name)
        os.replace(partial, output)  # a backup that stopped half-way leaves no file behind
    if audited:
        record(
            actor,
            Action.DATABASE_BACKED_UP,
            None,
            _audit_detail(manifest, output),
            object_type="database",
        )
    return manifest


def _copy_sqlite(copy: Path) -> tuple[dict[str, int], list[dict[str, str]]]:
    """SQLite's online backup from the live connection: one consistent copy, in one step."""
    connection.ensure_connection()
    live = connection.connection
    assert isinstance(live, sqlite3.Connection)
    with closing(sqlite3.connect(copy)) as target:
        live.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        cursor = target.cursor()
        return summary(cursor, _sqlite_tables(cursor))


# -- Restoring --------------------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at ``path``, checked for its format (ManifestError if not)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _manifest_of(archive)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ManifestError(f"{path} cannot be read as a backup: {exc}") from None


def _manifest_of(archive: zipfile.ZipFile) -> Manifest:
    try:
        info = archive.getinfo(MANIFEST_NAME)
    except KeyError:
        raise ManifestError("the file has no manifest.json: not a Sufficiency backup") from None
    if info.file_size > MANIFEST_MAX_BYTES:
        raise ManifestError("the manifest is too large to be a Sufficiency backup's")
    return Manifest.from_json(archive.read(info))


def _extract_checked(archive: zipfile.ZipFile, manifest: Manifest, target: Path) -> None:
    """The database copy, written to ``target``; refused unless its size and SHA-256 match."""
    if manifest.database_file not in {SQLITE_MEMBER, POSTGRES_MEMBER}:
        raise ManifestError(
            f"the manifest names an unknown database file {manifest.database_file!r}"
        )
    try:
        info = archive.getinfo(manifest.database_file)
    except KeyError:
        raise ManifestError(f"the backup has no {manifest.database_file}") from None
    if info.file_size != manifest.size:
        raise ManifestError(
            f"{manifest.database_file} is {info.file_size} bytes, the manifest says {manifest.size}"
        )
    digest = hashlib.sha256()
    written = 0
    with archive.open(info) as source, target.open("wb") as sink:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > manifest.size:
                raise ManifestError(f"{manifest.database_file} is longer than the manifest says")
            digest.update(chunk)
            sink.write(chunk)
    if digest.hexdigest() != manifest.sha256:
        raise ManifestError(f"{manifest.database_file} does not match the manifest's SHA-256")


def restore_backup(
    path: Path, actor: Actor = None, *, keep_current: Path | None = None
) -> Manifest:
    """Replace the database's contents with the backup at ``path``, once it is checked whole.

    With ``keep_current``, the database as it is now is first backed up there, so that nothing
    (audit events included) is lost for good by restoring an older copy. The restore is the
    restored audit log's next event.
    """
    kind = engine()
    with tempfile.TemporaryDirectory() as work:
        try:
            with zipfile.ZipFile(path) as archive:
                manifest = _manifest_of(archive)
                if manifest.engine != kind:
                    raise ManifestError(
                        f"this backup is of a {manifest.engine} database; "
                        f"this installation uses {kind}"
                    )
                copy = Path(work) / manifest.database_file
                _extract_checked(archive, manifest, copy)
        except (OSError, zipfile.BadZipFile) as exc:
            raise ManifestError(f"{path} cannot be read as a backup: {exc}") from None
        if kind == "sqlite":
            _check_sqlite_copy(copy, manifest)
        else:
            script = postgres.restore_script(copy, manifest)
        if keep_current is not None:
            try:
                keep_current.parent.mkdir(parents=True, exist_ok=True)
                create_backup(keep_current, actor, audited=False)
            except (OSError, DatabaseError, BackupError) as exc:
                raise BackupError(
                    f"the database as it is could not be kept in {keep_current} first ({exc}); "
                    "nothing was restored. To replace it without keeping it, restore with "
                    "--no-keep"
                ) from None
        if kind == "sqlite":
            _replace_sqlite(copy)
        else:
            postgres.apply(script)
    problems = differences(manifest.tables, live_counts())
    if problems:
        raise BackupError(
            "the restored database does not match the backup's manifest:\n" + "\n".join(problems)
        )
    detail = {**_audit_detail(manifest, path), "previous_database_kept_in": str(keep_current or "")}
    record(actor, Action.DATABASE_RESTORED, None, detail, object_type="database")
    return manifest


def _audit_detail(manifest: Manifest, path: Path) -> dict[str, object]:
    return {
        "file": str(path),
        "created_at": manifest.created_at,
        "sha256": manifest.sha256,
        "rows": manifest.total_rows,
    }


def _check_sqlite_copy(copy: Path, manifest: Manifest) -> None:
    """The copy is a sound SQLite database holding every row its manifest counts."""
    with closing(sqlite3.connect(copy)) as source:
        (verdict,) = source.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise ManifestError(f"the database copy is damaged: {verdict}")
        cursor = source.cursor()
        counts, _ = summary(cursor, _sqlite_tables(cursor))
        problems = differences(manifest.tables, counts)
        if problems:
            raise ManifestError(
                "the database copy does not hold what its manifest counts:\n" + "\n".join(problems)
            )


def _replace_sqlite(copy: Path) -> None:
    """The online backup API, from the copy into the live database, in one step: every other
    connection sees the old database or the new one, never a mixture."""
    connection.ensure_connection()
    live = connection.connection
    assert isinstance(live, sqlite3.Connection)
    with closing(sqlite3.connect(copy)) as source:
        source.backup(live)


def live_counts() -> dict[str, int]:
    """Rows in every table of the database in use now."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return count_rows(cursor, tables, connection.ops.quote_name)
