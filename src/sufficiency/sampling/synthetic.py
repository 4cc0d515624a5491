"""A synthetic caseload for demonstrations, tests and benchmarks: invented people, realistic mixes.

The mixes, the values and the columns are data (``data/synthetic-caseload.yaml``, written for the
hmip-probation-2018 framework's caseload); this module only draws from them.

Identifiers are invented (``SYN`` and a number) and local delivery units have made-up names. The
mixes (about five men to one woman; community orders, suspended sentence orders, licences and
post-sentence supervision; mostly low and medium risk of serious harm for CRC cases, mostly high
for NPS cases) are illustrative, not statistics. Supervision starts are spread evenly over the two
years up to ``end``; unpaid work starts a few days after the order for about half of community
sentences; a release date is the start of supervision on licence or post-sentence supervision,
and most of those released are entitled to Through the Gate services.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sufficiency.exports import safe_row

DEFAULT_END = dt.date(2019, 12, 31)
DAYS = 730
_MIXES = resources.files("sufficiency.sampling") / "data" / "synthetic-caseload.yaml"

Mix = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Mixes:
    """The invented mixes of ``data/synthetic-caseload.yaml``."""

    columns: tuple[str, ...]
    extra_columns: tuple[str, ...]
    case_id_prefix: str
    ldus: Mix
    genders: Mix
    providers: Mix
    disposals: dict[str, Mix]
    rosh: dict[str, Mix]
    community_disposals: frozenset[str]
    always_unpaid_work: frozenset[str]
    unpaid_work_share: float
    ttg_share: float
    ttg_entitled: str
    ttg_not_entitled: str


def _mix(pairs: Any) -> Mix:
    return tuple((str(value), int(weight)) for value, weight in pairs)


@cache
def mixes() -> Mixes:
    data = yaml.safe_load(_MIXES.read_text(encoding="utf-8"))
    return Mixes(
        columns=tuple(data["columns"]),
        extra_columns=tuple(data["extra_columns"]),
        case_id_prefix=data["case_id_prefix"],
        ldus=_mix(data["ldus"]),
        genders=_mix(data["genders"]),
        providers=_mix(data["providers"]),
        disposals={k: _mix(v) for k, v in data["disposals"].items()},
        rosh={k: _mix(v) for k, v in data["rosh"].items()},
        community_disposals=frozenset(data["community_disposals"]),
        always_unpaid_work=frozenset(data["always_unpaid_work"]),
        unpaid_work_share=float(data["unpaid_work_share"]),
        ttg_share=float(data["ttg_share"]),
        ttg_entitled=data["ttg_values"]["entitled"],
        ttg_not_entitled=data["ttg_values"]["not_entitled"],
    )


def _pick(rng: random.Random, mix: Mix, count: int) -> list[str]:
    values = [value for value, _ in mix]
    return rng.choices(values, weights=[weight for _, weight in mix], k=count)


def synthetic_rows(rows: int, seed: int, end: dt.date = DEFAULT_END) -> Iterator[list[str]]:
    """``rows`` invented caseload rows: the framework's columns, then a responsible officer."""
    if rows < 0:
        raise ValueError("the number of rows cannot be negative")
    mix = mixes()
    rng = random.Random(seed)  # noqa: S311 (a reproducible draw, not a secret)
    first = end - dt.timedelta(days=DAYS - 1)
    days = [(first + dt.timedelta(days=i)).isoformat() for i in range(DAYS)]
    providers = _pick(rng, mix.providers, rows)
    genders = _pick(rng, mix.genders, rows)
    ldus = _pick(rng, mix.ldus, rows)
    # Each provider's mixes, drawn in bulk (drawing one value at a time is ten times slower).
    disposals = {p: _pick(rng, mix.disposals[p], rows) for p, _ in mix.providers}
    roshes = {p: _pick(rng, mix.rosh[p], rows) for p, _ in mix.providers}
    starts = [rng.randrange(DAYS) for _ in range(rows)]
    width = max(7, len(str(rows)))
    for i in range(rows):
        provider = providers[i]
        disposal = disposals[provider][i]
        start = starts[i]
        upw = release = ""
        ttg = mix.ttg_not_entitled
        if disposal in mix.community_disposals:
            if provider in mix.always_unpaid_work or rng.random() < mix.unpaid_work_share:
                upw = days[min(start + rng.randrange(3, 22), DAYS - 1)]
        else:
            release = days[start]
            entitled = rng.random() < mix.ttg_share
            ttg = mix.ttg_entitled if entitled else mix.ttg_not_entitled
        yield [
            f"{mix.case_id_prefix}{i + 1:0{width}d}",
            provider,
            ldus[i],
            genders[i],
            disposal,
            roshes[provider][i],
            days[start],
            upw,
            release,
            ttg,
            f"RO-{rng.randrange(1, 400):03d}",
        ]


def write_synthetic_caseload(path: Path, rows: int, seed: int, end: dt.date = DEFAULT_END) -> None:
    """Write a synthetic caseload as CSV (UTF-8, ``\\n`` line ends)."""
    mix = mixes()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row([*mix.columns, *mix.extra_columns]))
    writer.writerows(safe_row(row) for row in synthetic_rows(rows, seed, end))
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
