"""`sufficiency demo ...`: synthetic data for demonstrations, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from sufficiency.cli._common import console, fail

app = typer.Typer(help="Make synthetic demo data (never real people).", no_args_is_help=True)


@app.command("caseload")
def caseload(
    rows: Annotated[int, typer.Option(min=0, help="How many cases.")],
    seed: Annotated[
        int, typer.Option(min=0, help="The random seed; the same seed, the same file.")
    ],
    output: Annotated[Path, typer.Option(help="FILE.csv to write.")],
    end: Annotated[
        str,
        typer.Option(
            metavar="YYYY-MM-DD", help="The last supervision start; starts span two years."
        ),
    ] = "2019-12-31",
) -> None:
    """Write a synthetic caseload: invented identifiers, realistic mixes, dates over two years."""
    from sufficiency.cli.sampling import parse_day
    from sufficiency.sampling.synthetic import DAYS, write_synthetic_caseload

    last = parse_day(end, "--end")
    try:
        write_synthetic_caseload(output, rows, seed, last)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    first = last - dt.timedelta(days=DAYS - 1)
    console.print(
        f"Wrote {rows:,} synthetic cases to {output} (supervision starts {first} to {last}; "
        f"try sampling with --reference-date {last + dt.timedelta(days=1)})",
        highlight=False,
        markup=False,
    )
