"""`sufficiency backup` and `sufficiency restore`: the database, copied whole while it runs.

Both use the web adapter's database (SQLite under var/, or DATABASE_URL), so they set Django up
themselves, and import it only when they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from sufficiency.cli._common import console, fail

if TYPE_CHECKING:
    from sufficiency.web.operations.manifest import Manifest


def _describe(manifest: Manifest) -> str:
    frameworks = ", ".join(f"{f['framework_id']} ({f['version']})" for f in manifest.frameworks)
    return (
        f"{manifest.engine} database of {manifest.created_at}: {len(manifest.tables)} tables, "
        f"{manifest.total_rows} rows; frameworks: {frameworks or 'none'}; "
        f"Sufficiency {manifest.sufficiency_version}, Django {manifest.django_version}"
    )


def backup(
    output: Annotated[Path, typer.Option("--output", help="The backup file to write (zip).")],
) -> None:
    """Copy the whole database, consistently, while the service goes on running."""
    from sufficiency.web.setup import setup_django

    setup_django()
    from django.db import DatabaseError

    from sufficiency.web.audit.services import command_line_actor
    from sufficiency.web.operations.backup import create_backup
    from sufficiency.web.operations.manifest import BackupError

    try:
        manifest = create_backup(output, command_line_actor())
    except BackupError as exc:
        fail("the backup was not made", str(exc).splitlines())
    except (DatabaseError, OSError) as exc:
        fail("the backup was not made", [str(exc)])
    console.print(
        escape(f"Backed up to {output}: {_describe(manifest)}"), highlight=False, soft_wrap=True
    )


def restore(
    file: Annotated[Path, typer.Argument(help="A backup file written by `sufficiency backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace the database without asking first.")
    ] = False,
    keep_current: Annotated[
        Path | None,
        typer.Option(
            help="Back the database up here before replacing it "
            "[default: var/backups/before-restore-TIME.backup]."
        ),
    ] = None,
    keep: Annotated[
        bool,
        typer.Option(
            "--keep/--no-keep", help="Whether to back the current database up first at all."
        ),
    ] = True,
) -> None:
    """Replace the whole database with a backup, once the backup is checked against its manifest.
    The database as it was is backed up first, so that no audit event is lost for good. Run
    `sufficiency-admin migrate` afterwards if the backup is older than this version."""
    from sufficiency.web.setup import setup_django

    setup_django()
    from django.db import DatabaseError

    from sufficiency.web.audit.services import command_line_actor
    from sufficiency.web.operations.backup import read_manifest, restore_backup
    from sufficiency.web.operations.manifest import BackupError, ManifestError

    try:
        manifest = read_manifest(file)
    except ManifestError as exc:
        fail(f"{file} is refused", str(exc).splitlines())
    console.print(escape(f"{file}: {_describe(manifest)}"), highlight=False, soft_wrap=True)
    if not yes and not typer.confirm("Replace everything in the database with this backup?"):
        fail("nothing was restored")
    if keep and keep_current is None:
        from datetime import UTC, datetime

        from django.conf import settings

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        keep_current = Path(settings.VAR_DIR) / "backups" / f"before-restore-{stamp}.backup"
    try:
        manifest = restore_backup(
            file, command_line_actor(), keep_current=keep_current if keep else None
        )
    except ManifestError as exc:
        fail(f"{file} is refused; the database is unchanged", str(exc).splitlines())
    except BackupError as exc:
        fail("the restore failed", str(exc).splitlines())
    except (DatabaseError, OSError) as exc:
        fail("the restore failed", [str(exc)])
    console.print(
        f"Restored {manifest.total_rows} rows in {len(manifest.tables)} tables; "
        "every table matches the manifest.",
        highlight=False,
    )
    if keep and keep_current is not None:
        console.print(
            escape(f"The database as it was before is kept in {keep_current}"),
            highlight=False,
            soft_wrap=True,
        )
