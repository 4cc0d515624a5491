"""Table cells a spreadsheet will never run as a formula: the report's name for the one rule
every export follows, ``sufficiency.exports.safe_cell``.

A cell that starts with "=", "+", "-", "@", a tab or a carriage return is a formula (or can be
made one) to Excel, LibreOffice and Google Sheets. Such a cell is written as text: a leading
apostrophe, which spreadsheets show as nothing and which stops the formula.
"""

from __future__ import annotations

from sufficiency.exports import FORMULA_TRIGGERS as FORMULA_STARTS
from sufficiency.exports import safe_cell

__all__ = ["FORMULA_STARTS", "spreadsheet_safe"]


def spreadsheet_safe(value: str) -> str:
    """``value`` as a cell no spreadsheet runs: prefixed with ' when it could start a formula."""
    return str(safe_cell(value))
