"""`sufficiency report build --inspection ID`: a stored inspection's report, from the web
adapter's database (SQLite under var/, or DATABASE_URL), through the same flow as its pages
(``sufficiency.web.reports.flow.build``). Django is set up only when this runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sufficiency.cli._common import fail

if TYPE_CHECKING:
    from sufficiency.reporting.formats import ReportFormat


def inspection_report_files(inspection_id: int, output_format: ReportFormat) -> dict[str, bytes]:
    """The report's files: the draft as the records give it now, or the published version.
    Raises ``reporting.ReportError`` for a draft that cannot be built."""
    from sufficiency.web.setup import setup_django

    setup_django()
    from django.db import DatabaseError

    from sufficiency.web.audit.services import command_line_actor
    from sufficiency.web.inspections.models import Inspection
    from sufficiency.web.reports.flow import build

    try:
        inspection = Inspection.objects.select_related("provider", "lead").filter(pk=inspection_id)
        found = inspection.first()
    except DatabaseError as exc:
        fail(
            "the inspection store cannot be used",
            [str(exc), "Create it with: uv run sufficiency-admin migrate"],
        )
    if found is None:
        fail(f"--inspection {inspection_id}: no such inspection")
    return build(found, output_format, actor=command_line_actor())
