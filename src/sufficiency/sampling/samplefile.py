"""Sample files: every selected case's caseload row plus ``selection`` and ``stratum``.

Written as UTF-8 CSV with ``\\n`` line ends and minimal quoting, so the same sample gives the same
bytes everywhere. A sample file is rewritten whole (through a temporary file, so a failure never
leaves half a file) and replacements are appended to a log beside it.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sufficiency.exports import read_cell, safe_row
from sufficiency.framework.csvlines import records
from sufficiency.framework.problems import Problem, ProblemsError
from sufficiency.sampling import _arrow
from sufficiency.sampling.caseload import OUTPUT_COLUMNS
from sufficiency.sampling.draw import Replacement, Sample, SampleEntry, Selection

REPLACEMENT_LOG_COLUMNS = ("replaced", "replacement", "stratum", "reason")


class SampleFileError(ProblemsError):
    """A sample file that cannot be used; ``problems`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__([problem])


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
    return out.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sample_rows(sample: Sample) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a sample file."""
    table = sample.population.caseload.table
    chosen = table.take(_arrow.ints([case.row for case in sample.cases]))
    columns = [chosen.column(name).to_pylist() for name in table.column_names]
    rows = [
        [*values, case.selection.value, case.stratum]
        for values, case in zip(zip(*columns, strict=True), sample.cases, strict=True)
    ]
    return [*table.column_names, *OUTPUT_COLUMNS], rows


def write_sample(sample: Sample, path: Path) -> None:
    header, rows = sample_rows(sample)
    write_atomically(path, csv_text(header, rows))


@dataclass(frozen=True)
class SampleFile:
    header: list[str]
    rows: list[list[str]]
    identifier: str  # the case id column (the framework's)

    def entries(self) -> list[SampleEntry]:
        at = {name: self.header.index(name) for name in (self.identifier, *OUTPUT_COLUMNS)}
        return [
            SampleEntry(
                row[at[self.identifier]], row[at["stratum"]], Selection(row[at["selection"]])
            )
            for row in self.rows
        ]

    def with_entries(self, entries: Sequence[SampleEntry]) -> SampleFile:
        """The same file with each row's selection taken from the entries (same order)."""
        at = self.header.index("selection")
        rows = []
        for row, entry in zip(self.rows, entries, strict=True):
            updated = list(row)
            updated[at] = entry.selection.value
            rows.append(updated)
        return SampleFile(self.header, rows, self.identifier)


def read_sample(path: Path, identifier: str) -> SampleFile:
    """Read a sample file written by ``write_sample`` (and perhaps updated by replacements);
    ``identifier`` is the framework's case id column."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Excel's "CSV UTF-8" begins with a BOM
    except UnicodeDecodeError:
        raise SampleFileError(
            Problem(source=source, reason="not UTF-8 text, so not a sample file")
        ) from None
    except OSError as exc:
        raise SampleFileError(
            Problem(source=source, reason=f"cannot read the file: {exc.strerror or exc}")
        ) from None
    found = records(text)
    first = next(found, None)
    if first is None:
        raise SampleFileError(
            Problem(source=source, reason="the file is empty, so not a sample file")
        )
    header_line, header = first
    header = [read_cell(cell) for cell in header]  # cells as written by safe_row
    missing = [name for name in (identifier, *OUTPUT_COLUMNS) if name not in header]
    if missing:
        raise SampleFileError(
            Problem(
                source=source,
                line=header_line,
                reason=f"not a sample file: the header lacks {', '.join(missing)}",
            )
        )
    at = header.index("selection")
    known = {s.value for s in Selection}
    rows: list[list[str]] = []
    for line, written in found:
        row = [read_cell(cell) for cell in written]
        if len(row) != len(header):
            raise SampleFileError(
                Problem(
                    source=source,
                    line=line,
                    reason=f"has {len(row)} values; the header has {len(header)}",
                )
            )
        if row[at] not in known:
            raise SampleFileError(
                Problem(
                    source=source,
                    line=line,
                    field="selection",
                    value=row[at],
                    reason=f"not one of {', '.join(sorted(known))}",
                )
            )
        rows.append(row)
    return SampleFile(header, rows, identifier)


def write_sample_file(sample_file: SampleFile, path: Path) -> None:
    write_atomically(path, csv_text(sample_file.header, sample_file.rows))


def append_replacement(log: Path, replacement: Replacement) -> None:
    """Add a replacement to the log, creating the log with its header if needed."""
    new = not log.exists() or log.stat().st_size == 0
    with log.open("a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        if new:
            writer.writerow(REPLACEMENT_LOG_COLUMNS)
        writer.writerow(
            safe_row(
                [
                    replacement.replaced,
                    replacement.replacement,
                    replacement.stratum,
                    replacement.reason,
                ]
            )
        )
