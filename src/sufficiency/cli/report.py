"""`sufficiency report build`: an inspection report from report data, as HTML, PDF, CSV or JSON."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from sufficiency.cli import report_check
from sufficiency.cli._common import console, fail

app = typer.Typer(
    help="The inspection report: built from the inspection's data.", no_args_is_help=True
)
app.command("check")(report_check.check)


@app.command("build")
def build(
    output_format: Annotated[str, typer.Option("--format", help="html, pdf, csv or json.")],
    output: Annotated[
        Path,
        typer.Option(help="The file to write; for csv, a directory (one file per table)."),
    ],
    data: Annotated[
        Path | None,
        typer.Option(
            help="REPORT.json: the report data (provider, dates, framework, the ratings as "
            "`sufficiency rate --format json` gives them, methodology facts, narrative)."
        ),
    ] = None,
    inspection: Annotated[
        int | None,
        typer.Option(
            help="A stored inspection's id: its report from the database (the draft now, or the "
            "published version), as its web pages give it."
        ),
    ] = None,
) -> None:
    """Build the inspection report; a case identifier in the narrative stops it, naming the place.

    From a report data file (--data) or a stored inspection (--inspection): one of the two."""
    from sufficiency.reporting import ReportError
    from sufficiency.reporting.files import read_report_data
    from sufficiency.reporting.formats import ReportFormat, report_files

    try:
        chosen = ReportFormat(output_format.strip().lower())
    except ValueError:
        fail(f"--format {output_format!r}: choose html, pdf, csv or json")
    if (data is None) == (inspection is None):
        fail("give one of --data FILE.json or --inspection ID")
    try:
        if inspection is not None:
            from sufficiency.cli.report_inspection import inspection_report_files

            files = inspection_report_files(inspection, chosen)
        else:
            assert data is not None
            files = report_files(read_report_data(data), chosen)
    except ReportError as exc:
        fail(
            f"cannot build the report: {len(exc.problems)} problem(s)",
            [str(p) for p in exc.problems],
        )
    try:
        if chosen is ReportFormat.CSV:
            _write_directory(output, files)
        else:
            (content,) = files.values()
            _write_file(output, content)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    written = f"{len(files)} tables in {output}" if chosen is ReportFormat.CSV else str(output)
    console.print(f"Wrote the report ({chosen}): {written}", highlight=False, markup=False)


@app.command("example")
def example(
    output: Annotated[Path, typer.Option(help="The REPORT.json file to write.")],
    cases: Annotated[int, typer.Option(min=10, max=5000, help="Inspected cases.")] = 250,
    seed: Annotated[int, typer.Option(help="The same seed gives the same file.")] = 7,
) -> None:
    """Write an invented inspection's report data (synthetic), to try `report build` on."""
    import json

    from sufficiency.reporting.example import example_report_data
    from sufficiency.reporting.files import report_data_json

    document = report_data_json(example_report_data(cases, seed))
    try:
        _write_file(output, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    console.print(
        f"Wrote an invented inspection's report data ({cases} cases): {output}",
        highlight=False,
        markup=False,
    )


def _write_file(path: Path, content: bytes) -> None:
    """Write all or nothing: a temporary file beside the target, renamed over it."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_directory(path: Path, files: dict[str, bytes]) -> None:
    """A new directory of files, written whole beside it and then renamed into place."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        fail(f"{path} exists and is not an empty directory; choose a new one for the CSV tables")
    folder = path.parent if str(path.parent) else Path(".")
    temporary = Path(tempfile.mkdtemp(dir=folder, prefix=f".{path.name}.", suffix=".part"))
    try:
        for name, content in files.items():
            (temporary / name).write_bytes(content)
        if path.exists():
            path.rmdir()
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
