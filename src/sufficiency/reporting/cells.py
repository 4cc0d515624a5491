"""Table cells a spreadsheet will never run as a formula.

A cell that starts with "=", "+", "-", "@", a tab or a carriage return is a formula (or can be
made one) to Excel, LibreOffice and Google Sheets. Such a cell is written as text: a leading
apostrophe, which spreadsheets show as nothing and which stops the formula.

Local to the report for now: a shared helper for every export is being written on another branch
(``trust``); when it lands, this module should call it instead.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """``value`` as a cell no spreadsheet runs: prefixed with ' when it could start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
