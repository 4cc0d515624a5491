"""Builders for invented caseloads (never real people)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from caseload_builders import COLUMNS, csv_text


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(
        rows: Sequence[Mapping[str, str]],
        columns: Sequence[str] = COLUMNS,
        name: str = "caseload.csv",
    ) -> Path:
        path = tmp_path / name
        path.write_text(csv_text(rows, columns), encoding="utf-8", newline="")
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """A workbook whose first sheet holds the given rows (values written as they are given:
    str, int, float or datetime.date)."""
    import xlsxwriter

    def write(
        rows: Sequence[Sequence[Any]],
        header: Sequence[str] = COLUMNS,
        name: str = "caseload.xlsx",
        first_row: int = 0,
    ) -> Path:
        path = tmp_path / name
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Caseload")
        dates = book.add_format({"num_format": "dd/mm/yyyy"})
        sheet.write_row(first_row, 0, header)
        for r, values in enumerate(rows, start=first_row + 1):
            for c, value in enumerate(values):
                if hasattr(value, "isoformat"):
                    sheet.write_datetime(r, c, value, dates)
                elif value != "":
                    sheet.write(r, c, value)
        book.close()
        return path

    return write
