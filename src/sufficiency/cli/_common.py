"""What every command shares: one console, and failing with a clear message, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from sufficiency.framework import Framework

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


def load_framework_or_fail(framework: str) -> Framework:
    """A shipped framework id or a framework file, loaded; or a failure listing every problem."""
    from sufficiency.framework import FrameworkError, load_framework

    try:
        return load_framework(framework)
    except FrameworkError as exc:
        fail(
            f"framework {framework!r} cannot be used ({len(exc.problems)} problems):",
            [str(p) for p in exc.problems],
        )
