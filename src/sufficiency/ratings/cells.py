"""Spreadsheet-safe CSV cells: a value a spreadsheet would run as a formula is written as text.

A cell starting with = + - @, a tab or a carriage return is a formula to Excel and LibreOffice
(and a way in for anyone who can type a reason or a case id). Such a cell is written with a
leading apostrophe, which spreadsheets show as "text". The escape is reversible: an apostrophe is
added before any run of apostrophes that ends in one of those characters, and ``read_cell``
removes exactly one, so every value reads back as it was written.

(A shared helper for this is being written on another branch; until it lands on main, this is
the ratings files' own.)
"""

from __future__ import annotations

import re

FORMULA_START = re.compile(r"'*[=+\-@\t\r]")  # a formula, or text already escaped as one
ESCAPED_FORMULA = re.compile(r"'+[=+\-@\t\r]")  # what formula_safe wrote


def formula_safe(text: str) -> str:
    """The cell as written: text a spreadsheet would run is given a leading apostrophe."""
    return "'" + text if FORMULA_START.match(text) else text


def read_cell(text: str) -> str:
    """The value of a cell written by ``formula_safe``."""
    return text[1:] if ESCAPED_FORMULA.match(text) else text
