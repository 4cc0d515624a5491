"""`sufficiency published ...`: parse, check, store and compare published inspection reports."""

from __future__ import annotations

import typer

app = typer.Typer(help="Published inspection reports: parse, check, compare.", no_args_is_help=True)
