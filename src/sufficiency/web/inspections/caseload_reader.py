"""Reading an uploaded caseload file away from the web process, with limits.

The file is hostile until read: it is parsed by the sampling core in a separate process (spawned,
so it shares nothing with the request's), bounded in size before it is read and in time while it
is read. The child gives back plain rows, or the core's problems with line, column and reason.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sufficiency.web.inspections.errors import Problem, Problems

CASELOAD_MAX_BYTES = 50 * 1024 * 1024
CASELOAD_READ_SECONDS = 120


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


def _read_in_child(data: bytes, filename: str) -> ReadCaseload | RefusedCaseload:
    import pyarrow.compute as pc

    from sufficiency.sampling.caseload import CaseloadError, load_caseload, validate

    suffix = Path(filename).suffix.lower()[:8]
    with tempfile.TemporaryDirectory(prefix="sufficiency-caseload-") as folder:
        path = Path(folder) / f"caseload{suffix}"
        path.write_bytes(data)
        try:
            raw = load_caseload(path)
            caseload = validate(raw)
        except CaseloadError as exc:
            return RefusedCaseload(
                exc.headline,
                [
                    Problem(p.column, f"{p.value!r}: {p.reason}" if p.value else p.reason, p.line)
                    for p in exc.problems
                ],
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


def read_caseload_file(data: bytes, filename: str) -> ReadCaseload:
    """Read and validate a caseload's bytes. Raises Problems naming every bad row (line, column,
    reason), or one problem for a file that is not a caseload at all."""
    if len(data) > CASELOAD_MAX_BYTES:
        raise Problems(
            f"{filename} is too large",
            [Problem("file", f"a caseload may be up to {CASELOAD_MAX_BYTES // (1024 * 1024)} MB")],
        )
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(_read_in_child, data, filename)
        try:
            outcome = future.result(timeout=CASELOAD_READ_SECONDS)
        except concurrent.futures.TimeoutError:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            raise Problems(
                f"{filename} could not be read",
                [Problem("file", f"reading took longer than {CASELOAD_READ_SECONDS} seconds")],
            ) from None
        except concurrent.futures.process.BrokenProcessPool:
            raise Problems(
                f"{filename} could not be read",
                [Problem("file", "the reader stopped on this file (too large or malformed)")],
            ) from None
    if isinstance(outcome, RefusedCaseload):
        raise Problems(
            f"{filename}: {outcome.headline}",
            outcome.problems or [Problem("file", outcome.headline)],
        )
    return outcome
