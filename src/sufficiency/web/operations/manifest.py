"""A backup's manifest: what the copy holds, so that a restore can prove it got all of it.

It counts the rows of every table generically (a table added by a later migration is counted
without anyone remembering to list it), names the framework versions stored, and carries the
database file's SHA-256. A restore refuses a file whose manifest does not match what it holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Protocol

FORMAT = "sufficiency-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MANIFEST_MAX_BYTES = 1024 * 1024  # a manifest is a few kilobytes; anything bigger is not ours
# A table name as Django makes them: the manifest's names go into SQL, so nothing else is taken.
TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class Cursor(Protocol):
    """The part of a DB-API cursor used here (sqlite3's, psycopg's and Django's all fit)."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class BackupError(Exception):
    """A backup or restore that cannot be done, and why (shown to the operator as it is)."""


class ManifestError(BackupError):
    """A backup file refused before the database is touched, and why."""


@dataclass(frozen=True)
class Manifest:
    engine: str  # "sqlite" or "postgresql"
    database_file: str  # the member of the backup archive holding the database copy
    sha256: str
    size: int
    tables: dict[str, int]  # rows per table, every table of the database
    frameworks: list[dict[str, str]]  # the framework versions stored: id, version, sha256
    created_at: str
    sufficiency_version: str = field(default_factory=lambda: _package_version("sufficiency"))
    django_version: str = field(default_factory=lambda: _package_version("django"))
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ManifestError(f"the manifest is not JSON: {exc}") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ManifestError("this is not a Sufficiency backup (the manifest's format differs)")
        if raw.get("format_version") != FORMAT_VERSION:
            raise ManifestError(
                f"backup format version {raw.get('format_version')!r} is not supported "
                f"(this version reads {FORMAT_VERSION})"
            )
        try:
            manifest = cls(**raw)
        except TypeError as exc:
            raise ManifestError(f"the manifest's fields are wrong: {exc}") from None
        if not isinstance(manifest.tables, dict) or not all(
            isinstance(k, str) and TABLE_NAME.fullmatch(k) and type(v) is int and v >= 0
            for k, v in manifest.tables.items()
        ):
            raise ManifestError("the manifest's table counts are not table names and numbers")
        return manifest

    @property
    def total_rows(self) -> int:
        return sum(self.tables.values())


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def count_rows(
    cursor: Cursor, tables: Iterable[str], quote: Callable[[str], str]
) -> dict[str, int]:
    """Rows in each table, by name, in one read of the database as the cursor sees it."""
    counts: dict[str, int] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the catalogue
        ((n,),) = cursor.fetchall()
        counts[table] = int(n)
    return counts


def stored_frameworks(
    cursor: Cursor, table: str, quote: Callable[[str], str]
) -> list[dict[str, str]]:
    """The framework versions held in ``table`` (the frameworks app's), as the manifest lists them."""
    cursor.execute(
        f"SELECT framework_id, version, sha256 FROM {quote(table)} "  # noqa: S608
        "ORDER BY framework_id, version"
    )
    return [
        {"framework_id": str(fid), "version": str(ver), "sha256": str(sha)}
        for fid, ver, sha in cursor.fetchall()
    ]


def differences(expected: Mapping[str, int], found: Mapping[str, int]) -> list[str]:
    """One line per table whose rows differ from the manifest's count (or is missing)."""
    problems = []
    for table, count in sorted(expected.items()):
        if table not in found:
            problems.append(f"table {table}: missing (the manifest counts {count} rows)")
        elif found[table] != count:
            problems.append(f"table {table}: {found[table]} rows, the manifest counts {count}")
    return problems
