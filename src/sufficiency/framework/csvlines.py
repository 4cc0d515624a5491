"""CSV records with the physical line each starts on: the one line counter every reader uses.

A quoted value may hold line breaks, so a record can span several lines of the file, and blank
lines hold no record: the n-th record is not on line n + 1. ``records`` counts the lines the way
an editor shows them, so that a problem's line number is where a person will find it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Every non-empty record of CSV text (header included), with the line it starts on (1 up).

    ``text`` is the file's text as decoded (any line ends: \\n, \\r\\n, \\r).
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for cells in reader:
        if cells:  # a blank line is no record
            yield start, cells
        start = reader.line_num + 1
