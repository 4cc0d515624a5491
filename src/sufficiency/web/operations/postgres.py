"""PostgreSQL's side of backup and restore: pg_dump and pg_restore, with psql for the check.

Connection details go to the client programs through libpq's environment variables (the password
never appears on a command line). pg_dump copies the same exported snapshot the rows were counted
in; a restore runs pg_restore's script and a count of every table in one transaction.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.db import connection, transaction

from sufficiency.web.operations.manifest import BackupError, Cursor, Manifest, ManifestError

Summary = Callable[[Cursor, list[str]], tuple[dict[str, int], list[dict[str, str]]]]
_MISMATCH = "backup manifest mismatch:"


def _postgres_env() -> dict[str, str]:
    """libpq's environment for this database: the password never appears on a command line."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode"),
    }.items():
        if value:
            env[key] = str(value)
    return env


def _client(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            f"{program} is not installed: install PostgreSQL's client programs "
            "(Debian: postgresql-client; scripts/ensure-system.sh packages does it)"
        )
    return found


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own arguments, no shell
        command, env=_postgres_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        name = Path(command[0]).name
        raise BackupError(f"{name} failed: {result.stderr.strip() or result.returncode}")


def dump(copy: Path, summary: Summary) -> tuple[dict[str, int], list[dict[str, str]]]:
    """Count the rows and run pg_dump in one exported snapshot: both see the same database."""
    pg_dump = _client("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        counted = summary(cursor, connection.introspection.table_names(cursor))
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={copy}"])
    return counted


def restore_script(copy: Path, manifest: Manifest) -> Path:
    """pg_restore's SQL for the copy (which proves the archive readable), followed by a check of
    every table's rows against the manifest; nothing is run yet."""
    script = copy.with_suffix(".sql")
    try:
        _run(
            [
                _client("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                f"--file={script}",
                str(copy),
            ]
        )
    except BackupError as exc:
        raise ManifestError(f"the database copy cannot be read: {exc}") from None
    with script.open("a", encoding="utf-8") as handle:
        handle.write(_postgres_count_check(manifest.tables))
    return script


def apply(script: Path) -> None:
    """Run the restore script in one transaction: a copy that does not hold what its manifest
    counts is rolled back, leaving the database as it was."""
    psql = _client("psql")
    connection.close()  # our own connection must not hold locks on the tables being replaced
    try:
        _run(
            [psql, "-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1", f"--file={script}"]
        )
    except BackupError as exc:
        if _MISMATCH in str(exc):
            lines = [
                line.split(_MISMATCH, 1)[1].strip()
                for line in str(exc).splitlines()
                if _MISMATCH in line
            ]
            raise ManifestError(
                "the database copy does not hold what its manifest counts:\n" + "\n".join(lines)
            ) from None
        raise


def _postgres_count_check(tables: dict[str, int]) -> str:
    """A PL/pgSQL block raising an error (so rolling back the restore) for any table whose rows
    differ from the manifest's count. Table names are identifiers, checked by the manifest."""
    checks = "".join(
        f"  SELECT count(*) INTO n FROM {connection.ops.quote_name(table)};\n"  # noqa: S608
        f"  IF n <> {int(count)} THEN RAISE EXCEPTION "
        f"'{_MISMATCH} table {table}: % rows, the manifest counts {int(count)}', n; END IF;\n"
        for table, count in sorted(tables.items())
    )
    return f"\nRESET search_path;\nDO $$\nDECLARE n bigint;\nBEGIN\n{checks}END $$;\n"
