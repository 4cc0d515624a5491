"""A synthetic caseload for demonstrations, tests and benchmarks: invented people, realistic mixes.

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
from pathlib import Path

from sufficiency.exports import safe_row
from sufficiency.sampling.caseload import COLUMN_NAMES, Disposal, Gender, Provider, RoshLevel

EXTRA_COLUMNS = ("responsible_officer",)
DEFAULT_END = dt.date(2019, 12, 31)

LDUS = (
    ("Ashcombe Vale", 14),
    ("Brackenmoor", 11),
    ("Cresswater", 9),
    ("Dunholme Cross", 13),
    ("Elderbridge", 8),
    ("Fernley Downs", 12),
    ("Gorsefield", 7),
    ("Harrowmere", 10),
    ("Ivydale", 6),
    ("Juniper Heath", 10),
)
GENDERS = ((Gender.MALE, 84), (Gender.FEMALE, 16))
PROVIDERS = ((Provider.CRC, 85), (Provider.NPS, 15))
DISPOSALS = {
    Provider.CRC: (
        (Disposal.COMMUNITY_ORDER, 40),
        (Disposal.SUSPENDED_SENTENCE_ORDER, 25),
        (Disposal.LICENCE, 25),
        (Disposal.POST_SENTENCE_SUPERVISION, 10),
    ),
    Provider.NPS: ((Disposal.COMMUNITY_ORDER, 60), (Disposal.SUSPENDED_SENTENCE_ORDER, 40)),
}
ROSH = {
    Provider.CRC: ((RoshLevel.LOW, 38), (RoshLevel.MEDIUM, 58), (RoshLevel.HIGH, 4)),
    Provider.NPS: (
        (RoshLevel.LOW, 5),
        (RoshLevel.MEDIUM, 30),
        (RoshLevel.HIGH, 55),
        (RoshLevel.VERY_HIGH, 10),
    ),
}
UNPAID_WORK_SHARE = 0.5  # community sentences with an unpaid work requirement
TTG_SHARE = 0.9  # of those released, entitled to Through the Gate services
DAYS = 730


def _pick(rng: random.Random, mix: tuple[tuple[str, int], ...], count: int) -> list[str]:
    values = [str(value) for value, _ in mix]
    return rng.choices(values, weights=[weight for _, weight in mix], k=count)


def synthetic_rows(rows: int, seed: int, end: dt.date = DEFAULT_END) -> Iterator[list[str]]:
    """``rows`` invented caseload rows: the documented columns, then a responsible officer."""
    if rows < 0:
        raise ValueError("the number of rows cannot be negative")
    rng = random.Random(seed)  # noqa: S311 (a reproducible draw, not a secret)
    first = end - dt.timedelta(days=DAYS - 1)
    days = [(first + dt.timedelta(days=i)).isoformat() for i in range(DAYS)]
    providers = _pick(rng, PROVIDERS, rows)
    genders = _pick(rng, GENDERS, rows)
    ldus = _pick(rng, LDUS, rows)
    # Each provider's mixes, drawn in bulk (drawing one value at a time is ten times slower).
    disposals = {p.value: _pick(rng, DISPOSALS[p], rows) for p in Provider}
    roshes = {p.value: _pick(rng, ROSH[p], rows) for p in Provider}
    starts = [rng.randrange(DAYS) for _ in range(rows)]
    community = {Disposal.COMMUNITY_ORDER.value, Disposal.SUSPENDED_SENTENCE_ORDER.value}
    nps = Provider.NPS.value
    width = max(7, len(str(rows)))
    for i in range(rows):
        provider = providers[i]
        disposal = disposals[provider][i]
        start = starts[i]
        upw = release = ""
        ttg = "no"
        if disposal in community:
            # NPS cases are in a CRC's caseload for their unpaid work.
            if provider == nps or rng.random() < UNPAID_WORK_SHARE:
                upw = days[min(start + rng.randrange(3, 22), DAYS - 1)]
        else:
            release = days[start]
            ttg = "yes" if rng.random() < TTG_SHARE else "no"
        yield [
            f"SYN{i + 1:0{width}d}",
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row([*COLUMN_NAMES, *EXTRA_COLUMNS]))
    writer.writerows(safe_row(row) for row in synthetic_rows(rows, seed, end))
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
