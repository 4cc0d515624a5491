"""`sufficiency framework list|show|check`: the frameworks and their tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sufficiency.cli._common import console, fail, load_framework_or_fail

# The framework package (pydantic models) is imported inside the commands: every command of the
# CLI pays for what this module imports at start-up.

app = typer.Typer(help="List, show and check standards frameworks.", no_args_is_help=True)


@app.command("list")
def list_frameworks() -> None:
    """List the frameworks Sufficiency ships."""
    from sufficiency.framework import builtin_framework_ids

    for ident in builtin_framework_ids():
        fw = load_framework_or_fail(ident)
        console.print(
            f"[bold]{fw.id}[/]  {fw.name} (version {fw.version}): "
            f"{len(fw.standards)} standards, {len(fw.key_questions)} key questions",
            highlight=False,
        )


@app.command("show")
def show(
    framework_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A shipped framework id or a file path.")
    ] = None,
) -> None:
    """Print a framework's tree: domains, standards, key questions and prompts."""
    from rich.tree import Tree

    from sufficiency.framework import RatedBy, builtin_framework_ids

    ids = [framework_id] if framework_id else builtin_framework_ids()
    for ident in ids:
        fw = load_framework_or_fail(ident)
        tree = Tree(f"[bold]{fw.id}[/]: {fw.name} (version {fw.version})")
        for domain in fw.domains:
            dnode = tree.add(f"[bold]Domain {domain.id}[/]: {domain.name}")
            for standard in domain.standards:
                how = (
                    "inspectors' judgement"
                    if standard.rated_by is RatedBy.JUDGEMENT
                    else f"case data, {standard.sample} sample"
                )
                snode = dnode.add(f"[bold]{standard.id} {standard.name}[/] ({how})")
                for question in standard.key_questions:
                    scope = (
                        " [italic](RoSH relevant sub-sample)[/]"
                        if (question.relevant_subsample_only)
                        else ""
                    )
                    qnode = snode.add(f"{question.id} {question.text}{scope}")
                    for prompt in question.prompts:
                        qnode.add(f"[dim]{prompt.id}[/] {prompt.text}")
        console.print(tree, highlight=False)


@app.command("check")
def check(path: Annotated[Path, typer.Argument(help="A framework YAML file.")]) -> None:
    """Validate a framework file (for example a provider's own audit framework)."""
    from sufficiency.framework import FrameworkError, load_framework_file

    try:
        fw = load_framework_file(path)
    except FrameworkError as exc:
        fail(
            f"{path} is not a usable framework ({len(exc.problems)} problems):",
            [str(p) for p in exc.problems],
        )
    console.print(
        f"{path}: framework {fw.id} is valid: {len(fw.standards)} standards, "
        f"{len(fw.key_questions)} key questions.",
        highlight=False,
    )
