"""What every command shares: one console, and failing with a clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
errors = Console(stderr=True)

EXIT_BAD_INPUT = 2


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def fail(headline: str, details: Iterable[str] = ()) -> NoReturn:
    """Print what went wrong to standard error and exit non-zero.

    The headline and details are printed as they are (a path or value with brackets is not
    markup); details are written plainly, since a bad file can have a quarter of a million.
    """
    errors.print(f"[bold red]Error:[/] {escape(headline)}", highlight=False, soft_wrap=True)
    errors.file.write("".join(f"  {line}\n" for line in details))
    errors.file.flush()
    raise typer.Exit(EXIT_BAD_INPUT)
