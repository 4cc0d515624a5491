"""The case list for the provider: which cases were sampled (never an answer), as CSV or XLSX.

Every cell is text a spreadsheet will not run: a value starting with =, +, -, @, a tab or a
carriage return is written with a leading apostrophe (CSV), and XLSX cells are written as
strings, never formulas.
"""

from __future__ import annotations

import csv
import io

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.models import Inspection, SampledCase, Selection
from sufficiency.web.inspections.permissions import require

HEADER = ("case_id", "sample", "stratum", "ldu")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: str) -> str:
    """A cell value no spreadsheet will read as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


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
        writer.writerow([formula_safe(v) for v in row])
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
            sheet.write_string(line, col, formula_safe(value))
    book.close()
    return out.getvalue()
