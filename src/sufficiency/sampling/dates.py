"""Dates as a caseload and the command line write them: YYYY-MM-DD, and nothing else.

A module of its own, free of pyarrow, so that the command line can check a date cheaply.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: str) -> dt.date | None:
    """A YYYY-MM-DD date, or None if the value is not one (including days that do not exist)."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
