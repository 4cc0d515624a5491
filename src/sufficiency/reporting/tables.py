"""Every table of the report as CSV (one file per table) and as JSON (all tables in one file).

The cells are the words the report prints (footnote marks left out), each made safe for a
spreadsheet (``sufficiency.exports.safe_cell``), so that an export is never run as a formula.
"""

from __future__ import annotations

import csv
import io
import json

from sufficiency.exports import safe_cell
from sufficiency.reporting.document import Report, Table


def _safe(value: str) -> str:
    return str(safe_cell(value))


def table_rows(table: Table) -> list[list[str]]:
    """The table's header and rows as safe strings; a cell spanning columns is followed by
    empty cells."""
    rows = [[_safe(c) for c in table.columns]]
    for row in table.rows:
        cells: list[str] = []
        for cell in row:
            cells += [_safe(cell.text)] + [""] * (cell.span - 1)
        rows.append(cells)
    return rows


def tables_csv(report: Report) -> dict[str, str]:
    """File name → CSV text, one file per table, in reading order."""
    out = {}
    for table in report.tables():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(table_rows(table))
        out[f"{table.id}.csv"] = buffer.getvalue()
    return out


def tables_json(report: Report) -> str:
    """Every table: its id, caption, columns and rows, as JSON."""
    tables = []
    for table in report.tables():
        header, *rows = table_rows(table)
        tables.append(
            {
                "id": table.id,
                "caption": _safe(table.caption),
                "columns": header,
                "rows": rows,
            }
        )
    document = {
        "title": _safe(report.title),
        "provider": _safe(report.provider),
        "draft": report.draft,
        "tables": tables,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
