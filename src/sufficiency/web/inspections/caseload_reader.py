"""Reading an uploaded caseload file away from the web process, with limits.

The file is hostile until read: it is parsed by the sampling core (``flows.load_caseload`` and
``flows.check_caseload``, against the columns the inspection's framework declares) in a separate
process (spawned, so it shares nothing with the request's), bounded in size before it is read and
in time while it is read. The child gives back plain rows, or the core's problems.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from sufficiency.framework import Framework
from sufficiency.framework.problems import Problem
from sufficiency.web.inspections.errors import Problems, problem

CASELOAD_MAX_BYTES = 50 * 1024 * 1024
CASELOAD_READ_SECONDS = 120
_SUFFIXES = frozenset({".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"})


@dataclass(frozen=True)
class ReadCaseload:
    """A valid caseload, as plain values: column names, and per case its line and values."""

    columns: list[str]
    lines: list[int]
    rows: list[list[str]]


@dataclass(frozen=True)
class RefusedCaseload:
    headline: str
    problems: list[Problem]


def _read_in_child(
    framework: Framework, data: bytes, filename: str
) -> ReadCaseload | RefusedCaseload:
    import pyarrow.compute as pc

    from sufficiency.sampling import flows
    from sufficiency.sampling.caseload import CaseloadError

    suffix = PurePath(filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="sufficiency-caseload-") as folder:
        path = Path(folder) / f"caseload{suffix if suffix in _SUFFIXES else '.csv'}"
        path.write_bytes(data)
        try:
            raw = flows.load_caseload(path)
            caseload = flows.check_caseload(framework, raw)
        except CaseloadError as exc:
            headline = exc.headline.removeprefix(f"{exc.source}: ")
            return RefusedCaseload(
                headline, [_named(p, filename, exc.source) for p in exc.problems]
            )
    table = raw.table
    # The rows the core kept: all but the wholly blank ones, whose lines are skipped too.
    blank = pc.equal(pc.utf8_length(table.column(0)), 0)
    for i in range(1, table.num_columns):
        blank = pc.and_(blank, pc.equal(pc.utf8_length(table.column(i)), 0))
    kept = [row for row, empty in enumerate(blank.to_pylist()) if not empty]
    columns = caseload.columns
    values = [caseload.table.column(name).to_pylist() for name in columns]
    return ReadCaseload(
        columns, [raw.line_of(row) for row in kept], [list(v) for v in zip(*values, strict=True)]
    )


def _named(found: Problem, filename: str, temporary: str) -> Problem:
    """The problem with the uploaded file's name, not the temporary copy's."""
    from dataclasses import replace

    return replace(found, source=filename if found.source in (None, temporary) else found.source)


def read_caseload_file(framework: Framework, data: bytes, filename: str) -> ReadCaseload:
    """Read and validate a caseload's bytes against the framework's caseload columns. Raises
    Problems naming every bad row (line, column, value, reason), or one problem for a file that
    is not a caseload at all."""
    if len(data) > CASELOAD_MAX_BYTES:
        raise Problems(
            f"{filename} is too large",
            [problem("file", f"a caseload may be up to {CASELOAD_MAX_BYTES // (1024 * 1024)} MB")],
        )
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(_read_in_child, framework, data, filename)
        try:
            outcome = future.result(timeout=CASELOAD_READ_SECONDS)
        except concurrent.futures.TimeoutError:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            raise Problems(
                f"{filename} could not be read",
                [problem("file", f"reading took longer than {CASELOAD_READ_SECONDS} seconds")],
            ) from None
        except concurrent.futures.process.BrokenProcessPool:
            raise Problems(
                f"{filename} could not be read",
                [problem("file", "the reader stopped on this file (too large or malformed)")],
            ) from None
    if isinstance(outcome, RefusedCaseload):
        raise Problems(f"{filename}: {outcome.headline}", outcome.problems)
    return outcome
