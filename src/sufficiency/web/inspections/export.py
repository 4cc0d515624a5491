"""The case list for the provider: which cases were sampled (never an answer), as CSV or XLSX.

Every cell follows the one safe-cell rule (:mod:`sufficiency.exports`): a value a spreadsheet
would run as a formula is written with a leading apostrophe, and XLSX cells are written as
strings, never formulas.
"""

from __future__ import annotations

import csv
import io

from sufficiency.exports import safe_cell, safe_row
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.models import Inspection, SampledCase, Selection
from sufficiency.web.inspections.permissions import require

HEADER = ("case_id", "sample", "stratum", "ldu")


def case_list_rows(inspection: Inspection) -> list[tuple[str, ...]]:
    """One row per sampled case: case id, sample, readable stratum, local delivery unit."""
    cases = (
        SampledCase.objects.filter(sample__inspection=inspection, selection=Selection.SAMPLED)
        .select_related("case", "sample", "ldu")
        .order_by("sample__id", "order")
    )
    return [(c.case.case_id, c.sample.name, c.stratum_label, c.ldu.name) for c in cases]


def _export(inspection: Inspection, actor: Actor, fmt: str) -> list[tuple[str, ...]]:
    require(actor, "inspections.export_case_list", inspection)
    rows = case_list_rows(inspection)
    record(actor, Action.CASE_LIST_EXPORTED, inspection, {"format": fmt, "cases": len(rows)})
    return rows


def case_list_csv(inspection: Inspection, *, actor: Actor) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in _export(inspection, actor, "csv"):
        writer.writerow(safe_row(row))
    return out.getvalue()


def case_list_xlsx(inspection: Inspection, *, actor: Actor) -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Sampled cases")
    for col, name in enumerate(HEADER):
        sheet.write_string(0, col, name)
    for line, row in enumerate(_export(inspection, actor, "xlsx"), start=1):
        for col, value in enumerate(row):
            sheet.write_string(line, col, safe_cell(value))
    book.close()
    return out.getvalue()
