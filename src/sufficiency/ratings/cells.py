"""Spreadsheet-safe CSV cells for the ratings files: a value a spreadsheet would run as a formula
is written as text.

A cell starting with = + - @, a tab or a carriage return is a formula to Excel and LibreOffice
(OWASP "CSV injection"), and a reason or a case id is typed by people. Such a cell is written
after an apostrophe, which spreadsheets show as text. The escape is reversible: a cell already
starting with an apostrophe gets one more, and ``read_cell`` removes exactly one, so every value
reads back as it was written.

This is the same rule as the shared ``sufficiency.exports`` being written on another branch
(``safe_cell`` / ``read_cell``); until that lands on main, the ratings files use this copy, and
once it does, these two imports switch to it and this module goes.
"""

from __future__ import annotations

# The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"


def safe_cell(text: str) -> str:
    """The cell as written: text a spreadsheet would run, or already escaped, gets an apostrophe."""
    return TEXT_PREFIX + text if text.startswith((*FORMULA_TRIGGERS, TEXT_PREFIX)) else text


def read_cell(text: str) -> str:
    """The value of a cell written by ``safe_cell``."""
    return text.removeprefix(TEXT_PREFIX)
