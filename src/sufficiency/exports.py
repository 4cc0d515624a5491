"""Cells that a spreadsheet shows as text: the one rule every CSV and XLSX writer follows.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some
also treat a leading tab or carriage return so (OWASP, "CSV Injection"). A provider name, a case
identifier or a reason typed by a user could therefore run as a formula on an inspector's machine.
:func:`safe_cell` prefixes such a text cell with an apostrophe, which spreadsheets show as text.
Numbers stay numbers: a true ``int`` or ``float`` is never a formula.

Our own readers undo the prefix with :func:`read_cell`, so a file written by us reads back as it
was: a text cell that already started with an apostrophe gets one more, and loses one on reading.

XLSX: write text with ``worksheet.write_string(row, col, safe_cell(value))`` (never ``write``,
which turns ``=…`` into a formula), or open the workbook with ``{"strings_to_formulas": False}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"


def safe_cell(value: Any) -> Any:
    """``value`` as a cell a spreadsheet shows as text; non-text values are returned unchanged."""
    if isinstance(value, str) and value.startswith((*FORMULA_TRIGGERS, TEXT_PREFIX)):
        return TEXT_PREFIX + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row of cells, each made safe by :func:`safe_cell` (for ``csv.writer``)."""
    return [safe_cell(value) for value in values]


def safe_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A record's values made safe by :func:`safe_cell` (for ``csv.DictWriter``)."""
    return {name: safe_cell(value) for name, value in row.items()}


def read_cell(value: str) -> str:
    """The value :func:`safe_cell` was given, from the text it wrote."""
    return value.removeprefix(TEXT_PREFIX)
