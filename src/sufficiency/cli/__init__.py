"""The `sufficiency` command line: one command group per area of work."""

from __future__ import annotations

import typer

from sufficiency.cli import backup, demo, framework, published, rate_command, sampling
from sufficiency.cli import published_store as published_store  # registers import/compare
from sufficiency.cli import report as report_cli

app = typer.Typer(
    name="sufficiency",
    help="Inspect probation services against the HM Inspectorate of Probation standards.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(framework.app, name="framework")
app.command("rate")(rate_command.rate)
app.command("sample")(sampling.sample)
app.command("replace-case")(sampling.replace_case)
app.add_typer(published.app, name="published")
app.add_typer(demo.app, name="demo")
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.add_typer(report_cli.app, name="report")


def main() -> None:
    app()
