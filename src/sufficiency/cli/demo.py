"""`sufficiency demo ...`: synthetic data for demonstrations, tests and benchmarks."""

from __future__ import annotations

import typer

app = typer.Typer(help="Make synthetic demo data (never real people).", no_args_is_help=True)
