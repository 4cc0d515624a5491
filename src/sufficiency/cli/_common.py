"""What every command shares: one console, and failing with a clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NoReturn

import typer
from rich.console import Console

console = Console()
errors = Console(stderr=True)

EXIT_BAD_INPUT = 2


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def fail(headline: str, details: Iterable[str] = ()) -> NoReturn:
    """Print what went wrong to standard error and exit non-zero."""
    errors.print(f"[bold red]Error:[/] {headline}", highlight=False, soft_wrap=True)
    for line in details:
        errors.print(f"  {line}", highlight=False, soft_wrap=True, markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)
