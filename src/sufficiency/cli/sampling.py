"""`sufficiency sample` and `sufficiency replace-case`: draw an inspection sample from a caseload
extract, and replace a sampled case that cannot be inspected.

The command line is a contract other tools rely on:

    sufficiency sample --caseload FILE --type SAMPLE-TYPE-ID
        --reference-date YYYY-MM-DD --seed N --output SAMPLE.csv
        [--framework ID-OR-FILE] [--ldu UNIT ...]
        [--window-from YYYY-MM-DD] [--window-to YYYY-MM-DD] [--window-reason TEXT]
        [--size N] [--confidence 0.8] [--margin 0.05] [--reserves FRACTION]

``--type`` takes any sample type id of the chosen framework, written with underscores or hyphens
(``unpaid_work`` or ``unpaid-work``).

The sampling core, pyarrow and the framework are imported inside the commands: every command of
the CLI pays for what this module imports at start-up.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from sufficiency.cli._common import console, errors, fail, load_framework_or_fail

if TYPE_CHECKING:
    from sufficiency.sampling.caseload import Progress, RawCaseload
    from sufficiency.sampling.flows import DrawnSample, WindowOverride


# The command line's names for the flow's options, where they differ.
OPTION_NAMES = {"reserve_fraction": "reserves"}


def parse_day(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD date given on the command line, or a clear failure."""
    from sufficiency.sampling.dates import parse_date

    day = parse_date(text.strip())
    if day is None:
        fail(f"{option} {text!r} is not a date written YYYY-MM-DD")
    return day


@contextmanager
def import_progress(label: str) -> Iterator[Progress | None]:
    """A progress bar on standard error while a file is read, when a person is watching."""
    if not errors.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None, detail="")

        def update(done: int, total: int, unit: str) -> None:
            if unit == "bytes":
                detail = f"{done / 1e6:,.1f} of {total / 1e6:,.1f} MB"
            else:
                detail = f"{done:,} of {total:,} {unit}"
            bar.update(task, completed=done, total=total, detail=detail)

        yield update


T = TypeVar("T")


def in_background(work: Callable[[str], T], argument: str) -> Callable[[], T]:
    """Start ``work(argument)`` on a thread; the returned function waits for its result (or
    raises its exception)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work(argument))
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, name="load-framework", daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if failure:
            raise failure[0]
        return outcome[0]

    return result


def sample(
    caseload: Annotated[
        Path, typer.Option(help="The provider's caseload extract: CSV, or a workbook (XLSX).")
    ],
    sample_type: Annotated[
        str,
        typer.Option(
            "--type", metavar="ID", help="Which sample to draw: a sample type id of the framework."
        ),
    ],
    reference_date: Annotated[
        str,
        typer.Option(metavar="YYYY-MM-DD", help="R: the fieldwork start the windows count from."),
    ],
    seed: Annotated[
        int, typer.Option(min=0, help="The random seed; the same seed, the same sample.")
    ],
    output: Annotated[Path, typer.Option(help="SAMPLE.csv to write.")],
    size: Annotated[
        int | None, typer.Option(min=1, help="Use this sample size instead of the calculated one.")
    ] = None,
    confidence: Annotated[
        float | None, typer.Option(help="Confidence level (the framework's: 0.8).")
    ] = None,
    margin: Annotated[
        float | None, typer.Option(help="Margin of error (the framework's: 0.05, 5 points).")
    ] = None,
    reserves: Annotated[
        float | None,
        typer.Option(
            help="Reserve list as a fraction of each stratum's sample (the framework's: 0.2)."
        ),
    ] = None,
    framework: Annotated[
        str, typer.Option(help="A shipped framework id or a framework file.")
    ] = "hmip-probation-2018",
    ldu: Annotated[
        list[str] | None,
        typer.Option(
            metavar="UNIT",
            help="Sample only this local delivery unit's cases (repeat for several).",
        ),
    ] = None,
    window_from: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Override the window: its first day."),
    ] = None,
    window_to: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Override the window: its last day."),
    ] = None,
    window_reason: Annotated[
        str | None, typer.Option(help="Why the window differs from the framework's (required).")
    ] = None,
) -> None:
    """Draw a stratified random sample, with reserves, from a caseload extract."""
    from sufficiency.sampling.options import OptionError, check_options

    reference = parse_day(reference_date, "--reference-date")
    override = window_override(window_from, window_to, window_reason)
    try:
        check_options(
            confidence=confidence, margin=margin, reserve_fraction=reserves, size=size, seed=seed
        )
    except OptionError as exc:
        fail(f"--{OPTION_NAMES.get(exc.option, exc.option)} {exc.must}")
    if output.resolve() == caseload.resolve():
        fail("--output is the caseload itself; choose another file for the sample")
    if not output.parent.is_dir():
        fail(f"--output: the folder {output.parent} does not exist")

    # Loading the framework (importing pydantic, reading YAML) is Python work; reading the
    # caseload is mostly pyarrow's, outside the GIL: side by side, they take less time.
    loaded = in_background(load_framework_or_fail, framework)

    from sufficiency.sampling import flows
    from sufficiency.sampling.caseload import CaseloadError, InvalidCaseload
    from sufficiency.sampling.samplefile import write_atomically

    raw: RawCaseload | CaseloadError
    try:
        with import_progress("Reading the caseload") as progress:
            raw = flows.load_caseload(caseload, progress)
    except CaseloadError as exc:
        raw = exc
    fw = loaded()
    try:
        _, (rule,) = flows.sample_types_of(fw, [sample_type])
        if isinstance(raw, CaseloadError):
            raise raw
        cases = flows.check_caseload(fw, raw)
    except InvalidCaseload as exc:
        fail(exc.headline, map(str, exc.problems))
    except CaseloadError as exc:
        fail(exc.headline)
    except flows.SamplingFlowError as exc:
        fail(str(exc))
    try:
        (drawn,) = flows.draw_inspection_samples(
            fw,
            cases,
            reference,
            seed,
            sample_types=[rule.id],
            ldus=ldu,
            window_overrides={rule.id: override} if override else None,
            size=size,
            confidence=confidence,
            margin=margin,
            reserve_fraction=reserves,
        )
    except flows.SamplingFlowError as exc:
        fail(str(exc))
    if drawn.eligible == 0:
        fail(
            f"no case in {caseload} is eligible for the {drawn.sample_type_name.lower()} sample "
            f"with reference date {reference} ({drawn.window})"
        )
    try:
        write_atomically(output, sample_csv(drawn))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    print_summary(drawn, caseload, output)


def window_override(
    first: str | None, last: str | None, reason: str | None
) -> WindowOverride | None:
    """The --window-* options as an override, or None; a clear failure when they are half given."""
    if first is None and last is None:
        if reason is not None:
            fail("--window-reason needs --window-from or --window-to (or both)")
        return None
    from sufficiency.sampling.flows import WindowOverride  # pyarrow: only when it is needed

    if reason is None or not reason.strip():
        fail(
            "--window-from/--window-to override the framework's window: say why with --window-reason"
        )
    return WindowOverride(
        reason.strip(),
        parse_day(first, "--window-from") if first is not None else None,
        parse_day(last, "--window-to") if last is not None else None,
    )


def sample_csv(drawn: DrawnSample) -> str:
    """A drawn sample as the sample file's text."""
    from sufficiency.sampling.samplefile import csv_text

    return csv_text(drawn.header, drawn.rows)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def text_table(
    title: str, headings: Sequence[str], rows: Sequence[Sequence[str]], left: int
) -> str:
    """A plain-text table: the first ``left`` columns aligned left, the rest right. Plain text
    is never cut to the width of a terminal, and costs nothing to print."""
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(headings, *rows, strict=True)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i < left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([title, line(headings), rule, *map(line, rows[:-1]), rule, line(rows[-1])])


def print_summary(drawn: DrawnSample, caseload: Path, output: Path) -> None:
    """Population, eligible, the sample size and its calculation, the strata (population share
    against sample share) and the spread across local delivery units."""
    n, eligible = drawn.size, drawn.eligible
    n_reserves = len(drawn.reserves)
    how = "override" if drawn.size_overridden else "calculated"
    fields = list(drawn.strata_fields) or ["stratum"]  # a sample type need not be stratified
    strata_rows = [
        [
            *(plan.key or (plan.stratum,)),
            f"{plan.eligible:,}",
            _share(plan.eligible, eligible),
            f"{plan.share:.2f}",
            f"{plan.sample:,}",
            _share(plan.sample, n),
            f"{plan.reserves:,}",
        ]
        for plan in drawn.allocation
    ]
    strata_rows.append(
        ["total", *[""] * (len(fields) - 1), f"{eligible:,}", "100.0%", f"{n:.2f}", f"{n:,}",
         "100.0%", f"{n_reserves:,}"]
    )  # fmt: skip
    ldu_rows = [
        [unit.ldu, f"{unit.eligible:,}", _share(unit.eligible, eligible), f"{unit.sampled:,}",
         _share(unit.sampled, n)]
        for unit in drawn.ldu_spread
    ]  # fmt: skip
    ldu_rows.append(["total", f"{eligible:,}", "100.0%", f"{n:,}", "100.0%"])
    lines = [
        f"{drawn.sample_type_name} sample from {caseload}: reference date "
        f"{drawn.reference_date}, seed {drawn.seed}",
        f"Population: {_count(drawn.caseload_cases, 'case')} in the caseload",
        f"Eligible: {eligible:,} ({drawn.window})",
        *(
            [f"Window overridden (not the framework's): {drawn.window_override_reason}"]
            if drawn.window_override_reason
            else []
        ),
        *([f"Local delivery units sampled: {', '.join(drawn.ldus)}"] if drawn.ldus else []),
        f"Sample size: {n:,} ({how})",
        *(f"  {line}" for line in drawn.size_explanation),
        f"Reserves: {n_reserves:,} ({drawn.reserve_fraction:.0%} of each stratum's sample, "
        "rounded up, in random order)",
        f"Wrote {_count(n + n_reserves, 'row')} to {output}",
        "",
        text_table(
            f"Strata ({' × '.join(fields)}): eligible population and sample",
            [*fields, "eligible", "share", "exact quota", "sample", "share", "reserves"],
            strata_rows,
            left=len(fields),
        ),
    ]
    if drawn.ldu_column:
        lines += [
            "",
            text_table(
                "Local delivery units: eligible population and sample",
                [drawn.ldu_column, "eligible", "share", "sample", "share"],
                ldu_rows,
                left=1,
            ),
        ]
    console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def replace_case(
    sample_file: Annotated[Path, typer.Option("--sample", help="SAMPLE.csv from `sample`.")],
    case: Annotated[str, typer.Option(help="The case_id of the sampled case to replace.")],
    reason: Annotated[str, typer.Option(help="Why the case cannot be inspected.")],
    log: Annotated[
        Path | None,
        typer.Option(help="Replacements log to append to (default: SAMPLE.replacements.csv)."),
    ] = None,
    framework: Annotated[
        str, typer.Option(help="The framework the sample was drawn for (its case id column).")
    ] = "hmip-probation-2018",
) -> None:
    """Replace a sampled case by the next reserve of its stratum, recording the reason."""
    from sufficiency.sampling import flows
    from sufficiency.sampling.samplefile import SampleFileError

    fw = load_framework_or_fail(framework)
    log = log or sample_file.with_name(f"{sample_file.stem}.replacements.csv")
    try:
        replacement = flows.replace_case_in_file(fw, sample_file, case, reason, log)
    except SampleFileError as exc:
        fail(f"{sample_file} cannot be used as a sample file:", map(str, exc.problems))
    except (flows.SamplingFlowError, flows.ReplacementError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {exc.filename or sample_file}: {exc.strerror or exc}")
    console.print(
        f"Replaced {replacement.replaced} by reserve {replacement.replacement} "
        f"(stratum {replacement.stratum}): {replacement.reason}",
        highlight=False,
        markup=False,
    )
    console.print(f"Updated {sample_file}; logged in {log}", highlight=False, markup=False)
