"""Reading a caseload from a workbook (the first sheet of .xlsx, .xlsm, .ods or .xls), into the
same table of strings a CSV file gives: each cell as the text a CSV export of it would hold."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pyarrow as pa

from sufficiency.framework.problems import Problem
from sufficiency.sampling import _arrow
from sufficiency.sampling.caseload import (
    NEEDS_HEADER,
    CaseloadError,
    InvalidCaseload,
    NotACaseload,
    Progress,
    RawCaseload,
    check_header,
)

_BATCH = 32_768  # worksheet rows held as Python strings at a time, before they become Arrow arrays


def load_workbook(data: bytes, source: str, progress: Progress | None) -> RawCaseload:
    from python_calamine import CalamineError, CalamineWorkbook

    names: list[str] | None = None
    columns: list[list[pa.Array]] = []  # per column, its chunks
    batch: list[list[str]] = []
    numbers: list[int] = []  # the worksheet row of each case
    problems: list[Problem] = []

    def flush() -> None:
        for i, chunks in enumerate(columns):
            chunks.append(_arrow.strings([row[i] if i < len(row) else "" for row in batch]))
        batch.clear()

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise NotACaseload(source, "the workbook has no sheets")
        sheet = book.get_sheet_by_index(0)
        # iter_rows() starts at the sheet's first row (0-based), whether or not it has data.
        total = sheet.end[0] + 1 if sheet.end else 1
        for offset, cells in enumerate(sheet.iter_rows()):
            values = [_cell_text(cell) for cell in cells]
            if names is None:
                if not any(values):
                    continue  # blank rows above the header
                names = [value.strip() for value in values]
                while names and not names[-1]:
                    names.pop()  # a worksheet's used range can run past the last named column
                check_header(names, source)
                columns = [[] for _ in names]
                continue
            if progress is not None and offset % 10_000 == 0:
                progress(offset, total, "rows")
            if not any(values):
                continue  # an empty row is no case
            if any(values[len(names) :]):
                problems.append(
                    Problem(
                        source=source,
                        line=offset + 1,
                        value=",".join(values[len(names) :]),
                        reason=f"has values beyond the header's {len(names)} columns",
                    )
                )
            batch.append(values)
            numbers.append(offset + 1)
            if len(batch) == _BATCH:
                flush()
    except CaseloadError:
        raise
    except (CalamineError, ValueError, OSError) as exc:
        raise NotACaseload(source, f"cannot be read as a workbook: {exc}") from None
    if names is None:
        raise NotACaseload(source, f"the first sheet is empty; {NEEDS_HEADER}")
    if problems:
        raise InvalidCaseload(source, "rows with values outside the named columns", problems)
    flush()
    if progress is not None:
        progress(total, total, "rows")
    table = pa.Table.from_arrays(
        [pa.chunked_array(chunks, type=pa.string()) for chunks in columns], names=names
    )
    return RawCaseload(source, table, numbers.__getitem__)


def _cell_text(cell: Any) -> str:
    """A worksheet cell as the text a CSV export of it would hold."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time(0, 0):
            return cell.date().isoformat()
        return cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)
