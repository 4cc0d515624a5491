"""`sufficiency published ...`: parse, check, store and compare published inspection reports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sufficiency.cli._common import OutputFormat, console, fail

if TYPE_CHECKING:
    from sufficiency.framework import Problem
    from sufficiency.published import ParsedReport

app = typer.Typer(help="Published inspection reports: parse, check, compare.", no_args_is_help=True)


@app.command("parse")
def parse(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A published report: its PDF, or its text.")
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            help="json (the default) or table. Given as --format json, a refusal is JSON on "
            'standard output too: {"error", "problems", ...}, each problem {"source", "line", '
            '"field", "value", "reason"}, with exit status 2.',
        ),
    ] = None,
) -> None:
    """Read a published inspection report (PDF or text) and check it against the framework.

    JSON gives the provider, overall rating, standards, key question figures, samples and panel
    adjustments, then what else the report holds and the checks.
    """
    from sufficiency.framework import Problem
    from sufficiency.published import ReportParseError, parse_report

    as_json = output_format is OutputFormat.JSON  # asked for by name: scripts read refusals too
    try:
        report = parse_report(file)
    except ReportParseError as exc:
        if as_json:
            _refuse_as_json(exc.message, exc.problems, _refusal_details(exc), str(file))
        fail(exc.message, exc.problem_lines())
    except Exception as exc:  # a bug of ours: say so plainly, never a traceback
        message = f"{file} could not be read because of an internal error; please report it"
        problems = [Problem(source=str(file), reason=f"{exc.__class__.__name__}: {exc}")]
        if as_json:
            _refuse_as_json(message, problems, _refusal_details(exc), str(file))
        fail(message, map(str, problems))
    if output_format is not OutputFormat.TABLE:
        typer.echo(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
    else:
        _print_tables(report)


def _refusal_details(exc: Exception) -> dict[str, object]:
    """What kind of refusal, and what a script may want besides the message."""
    from sufficiency.published.errors import (
        ReportParseError,
        ReportTooComplex,
        TruncatedReport,
        UnsupportedReportFormat,
    )

    if isinstance(exc, UnsupportedReportFormat):
        return {"kind": "unsupported-format", "format": exc.format}
    if isinstance(exc, TruncatedReport):
        return {"kind": "truncated", "missing": list(exc.missing)}
    if isinstance(exc, ReportTooComplex):
        return {"kind": "too-complex", "limit": exc.limit}
    if isinstance(exc, ReportParseError):
        return {"kind": "not-readable"}
    return {"kind": "internal-error"}


def _refuse_as_json(
    message: str, problems: Sequence[Problem], details: dict[str, object], file: str
) -> NoReturn:
    """A refusal as JSON on standard output (the message on standard error too), exit 2; its
    problems listed as the API lists every reader's (source, line, field, value, reason)."""
    refusal = {
        "error": message,
        "problems": [p.as_dict() for p in problems],
        "file": file,
        **details,
    }
    typer.echo(json.dumps(refusal, indent=1, ensure_ascii=False))
    fail(message, map(str, problems))


def _print_tables(report: ParsedReport) -> None:
    from rich.markup import escape
    from rich.table import Table

    checks = report.checks
    published = f", published {report.publication_date}" if report.publication_date else ""
    fieldwork = f", fieldwork {report.fieldwork_date}" if report.fieldwork_date else ""
    console.print(
        f"[bold]{escape(report.provider)}[/]{published}{fieldwork}\n"
        f"Overall rating: [bold]{report.overall_rating}[/] "
        + (
            f"(recomputed: {checks.overall.calculated}, score {checks.overall.score})"
            if checks.overall.calculated is not None
            else "(not recomputed: the report's standards are not the framework's)"
        ),
        highlight=False,
    )
    by_standard = {c.standard: c for c in checks.standards}
    standards = Table(title="Standards", title_justify="left")
    for header in ("Standard", "Awarded", "Calculated", "Lowest key question", "Check"):
        standards.add_column(header)
    for s in report.standards:
        c = by_standard.get(s.id)
        lowest = (
            f"{c.driving_key_question} {c.lowest_percent}%" if c and c.driving_key_question else ""
        )
        standards.add_row(
            f"{s.id} {s.name}",
            str(s.rating),
            str(c.calculated) if c and c.calculated else "",
            lowest,
            str(c.status).replace("_", " ") if c else "judgement",
        )
    console.print(standards)
    questions = Table(title="Key questions", title_justify="left")
    questions.add_column("Key question")
    questions.add_column("% yes", justify="right")
    for q in report.key_questions:
        scope = " (relevant sub-sample)" if q.relevant_subsample_only else ""
        questions.add_row(f"{q.id} {q.text}{scope}", f"{q.percent_yes}%")
    console.print(questions)
    samples = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report.samples.items())
    console.print(f"Samples: {samples}", highlight=False)
    for c in checks.explained:
        console.print(
            f"Panel adjustment on {c.standard}: calculated {c.calculated}, awarded {c.awarded}. "
            f"[dim]{escape(c.explanation or '')}[/]",
            highlight=False,
        )
    for c in checks.unexplained:
        console.print(
            f"[bold red]Unexplained:[/] {c.standard} is awarded {c.awarded} but its key "
            f"questions give {c.calculated}, and the report says nothing of a panel decision.",
            highlight=False,
        )
    if checks.missing_key_questions:
        console.print(
            f"[bold red]Missing key questions:[/] {', '.join(checks.missing_key_questions)}",
            highlight=False,
        )
    for warning in checks.warnings:
        console.print(f"[yellow]Warning:[/] {escape(warning)}", highlight=False)
