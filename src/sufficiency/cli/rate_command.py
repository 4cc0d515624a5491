"""`sufficiency rate`: key question figures, calculated and awarded ratings, overall rating."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sufficiency.cli._common import OutputFormat, console, fail, load_framework_or_fail

if TYPE_CHECKING:
    from sufficiency.framework import Framework
    from sufficiency.ratings import RatingsResult


def rate(
    answers: Annotated[
        Path, typer.Option(help="ANSWERS.csv: case_id,question_id,answer (yes, no, n/a).")
    ],
    framework: Annotated[
        str, typer.Option(help="A shipped framework id or a framework file.")
    ] = "hmip-probation-2018",
    decisions: Annotated[
        Path | None,
        typer.Option(help="DECISIONS.csv: standard_id,rating,reason (judgements and panel)."),
    ] = None,
    cases: Annotated[
        Path | None,
        typer.Option(
            help="CASES.csv: case_id,sample,rosh_relevant (yes/no). Without it, the inspected "
            "cases are those the answers name."
        ),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Rate every standard from inspected cases' answers and recorded decisions."""
    from sufficiency.ratings import RatingsInputError
    from sufficiency.ratings import rate as rate_answers
    from sufficiency.ratings.files import read_answers, read_cases, read_decisions

    fw = load_framework_or_fail(framework)
    try:
        result = rate_answers(
            fw,
            read_answers(answers),
            read_decisions(decisions) if decisions else (),
            read_cases(cases, fw) if cases else None,
        )
    except RatingsInputError as exc:
        fail(
            f"cannot rate: {len(exc.problems)} problem(s) in the input",
            [str(p) for p in exc.problems],
        )
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        _print_tables(fw, result)


def _print_tables(fw: Framework, result: RatingsResult) -> None:
    from rich.table import Table

    questions = Table(title="Key questions", title_justify="left")
    for header in ("Key question", "Yes", "No", "N/A", "Unanswered", "%", "95% interval"):
        questions.add_column(header, justify="left" if header == "Key question" else "right")
    for q in result.key_questions:
        interval = f"{q.ci_low:.1f}–{q.ci_high:.1f}" if q.ci_low is not None else "–"
        questions.add_row(
            f"{q.id} {fw.key_questions[q.id].text}",
            str(q.yes),
            str(q.no),
            str(q.not_applicable),
            str(q.unanswered),
            "–" if q.percent is None else f"{q.percent}%",
            interval,
        )
    console.print(questions)
    standards = Table(title="Standards", title_justify="left")
    for header in ("Standard", "Calculated", "Lowest key question", "Awarded", "Notes"):
        standards.add_column(header)
    for s in result.standards:
        notes = []
        if s.panel_adjusted:
            notes.append(f"ratings panel: {s.reason}")
        if s.borderline:
            notes.append("borderline: the interval crosses a band threshold")
        standards.add_row(
            f"{s.id} {fw.standards[s.id].name}",
            s.calculated_rating or "–",
            s.driving_question or "–",
            s.awarded_rating or "not yet rated",
            "; ".join(notes),
        )
    console.print(standards)
    if result.overall:
        console.print(
            f"Overall: [bold]{result.overall.rating}[/] (score {result.overall.score})",
            highlight=False,
        )
    else:
        console.print("Overall: not yet rated (some standards have no awarded rating)")
