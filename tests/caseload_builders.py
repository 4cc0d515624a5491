"""Invented caseload rows for the sampling tests (never real people)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

COLUMNS = (
    "case_id",
    "provider",
    "ldu",
    "gender",
    "disposal",
    "rosh",
    "supervision_start",
    "upw_start",
    "release_date",
    "ttg",
)
DEFAULTS = {
    "provider": "CRC",
    "ldu": "Testshire North",
    "gender": "male",
    "disposal": "community_order",
    "rosh": "medium",
    "supervision_start": "2019-03-15",
    "upw_start": "",
    "release_date": "",
    "ttg": "no",
}


def case(case_id: str, **values: str) -> dict[str, str]:
    return {"case_id": case_id, **DEFAULTS, **values}


def csv_text(rows: Sequence[Mapping[str, str]], columns: Sequence[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return out.getvalue()
