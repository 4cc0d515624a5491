"""`sufficiency published import`, `compare` and `export`: the stored published reports.

These commands use the web adapter's database (SQLite under var/, or DATABASE_URL), so they set
Django up themselves, and import it only when they run: other commands never pay for it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.markup import escape

from sufficiency.cli._common import OutputFormat, console, errors, fail
from sufficiency.cli.published import app

if TYPE_CHECKING:
    from sufficiency.published.benchmark import Comparison


def _django() -> None:
    from sufficiency.web.setup import setup_django

    setup_django()


def _store_unusable(exc: Exception) -> NoReturn:
    fail(
        "the report store cannot be used",
        [str(exc), "Create it with: uv run sufficiency-admin migrate"],
    )


@app.command("import")
def import_reports(
    files: Annotated[list[Path], typer.Argument(help="Report files: PDF or text.", exists=False)],
) -> None:
    """Parse published reports and store them. The same report twice is one record; a changed
    parse replaces it and keeps the earlier one in its history."""
    _django()
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from sufficiency.web.audit.services import command_line_actor
    from sufficiency.web.published.services import ReportRejected, import_file, parse_files

    rejected = 0
    progress = Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        console=errors,
        transient=True,
    )
    with progress:
        task = progress.add_task("import", total=len(files))
        # parsed several at a time (both cores), stored one by one in the order given
        for path, parsed in zip(files, parse_files(files), strict=True):
            progress.advance(task)
            try:
                outcome = import_file(path, actor=command_line_actor(), parsed=parsed)
            except ReportRejected as exc:
                rejected += 1
                errors.print(
                    f"[bold red]{escape(str(path))}:[/] {escape(exc.message)}",
                    highlight=False,
                    soft_wrap=True,
                )
                errors.file.write("".join(f"  {problem}\n" for problem in exc.problems))
                continue
            except (DatabaseError, ImproperlyConfigured) as exc:
                _store_unusable(exc)
            console.print(
                escape(f"{path}: {outcome.status} ({outcome.report})"),
                highlight=False,
                soft_wrap=True,
            )
    if rejected:
        fail(f"{rejected} of {len(files)} file(s) could not be stored")


@app.command("compare")
def compare_provider(
    provider: Annotated[
        str, typer.Argument(help="The provider's name as stored, or a unique part of it.")
    ],
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
    chart: Annotated[
        Path | None,
        typer.Option(help="Also write the key questions chart to this SVG file."),
    ] = None,
) -> None:
    """Compare a provider's latest stored report with every stored report."""
    _django()
    from django.db import DatabaseError

    from sufficiency.published.benchmark import UnknownProvider
    from sufficiency.web.published import services

    try:
        comparison = services.compare(provider)
    except UnknownProvider as exc:
        fail(exc.message, [f"stored providers: {', '.join(exc.candidates) or 'none'}"])
    except DatabaseError as exc:
        _store_unusable(exc)
    if chart is not None:
        from sufficiency.published.charts import comparison_chart_svg

        svg = comparison_chart_svg(comparison)
        if not svg:
            fail("no key question has figures to chart")
        try:
            chart.write_text(svg, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {chart}: {exc.strerror}")
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(comparison.as_dict(), indent=2))
    else:
        _print_comparison(comparison)
        if chart is not None:
            console.print(escape(f"Chart written to {chart}"), highlight=False, soft_wrap=True)


@app.command("export")
def export_dataset(
    output: Annotated[
        Path, typer.Option(help="Where to write the CSV (one row per report per key question).")
    ],
) -> None:
    """Export every stored report's key question figures as CSV (the export is audited)."""
    _django()
    from django.db import DatabaseError

    from sufficiency.web.audit.services import command_line_actor
    from sufficiency.web.published import services

    try:
        text = services.dataset_csv(actor=command_line_actor())
    except DatabaseError as exc:
        _store_unusable(exc)
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    rows = max(text.count("\n") - 1, 0)
    console.print(escape(f"Wrote {rows} rows to {output}"), highlight=False, soft_wrap=True)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _print_comparison(comparison: Comparison) -> None:
    from rich.table import Table

    groups = (
        ("Key questions (% yes)", comparison.key_questions),
        ("Standards (rating scores)", comparison.standards),
        ("Overall", (comparison.overall,)),
    )
    console.print(
        f"[bold]{escape(comparison.provider)}[/] beside {comparison.reports} stored report(s); "
        "rank 1 is the highest figure",
        highlight=False,
    )
    for title, figures in groups:
        table = Table(title=title, title_justify="left")
        table.add_column("", no_wrap=True, overflow="ellipsis", max_width=22)
        for header in ("Provider", "Median", "Quartiles", "Lowest", "Highest", "Rank", "n"):
            table.add_column(
                header, justify="left" if header == "Provider" else "right", no_wrap=True
            )
        for f in figures:
            table.add_row(
                escape(
                    f.id if f.kind == "key_question" else f.label
                ),  # key question texts are long
                escape(f.display or "–"),
                _number(f.median),
                f"{_number(f.lower_quartile)}–{_number(f.upper_quartile)}",
                _number(f.lowest),
                _number(f.highest),
                _number(f.rank),
                str(f.n),
            )
        console.print(table)
