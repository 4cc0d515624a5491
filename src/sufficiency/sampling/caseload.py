"""The provider's caseload extract: reading it (CSV or a workbook) and validating every row.

A caseload has a header row naming at least the columns its framework declares
(``sampling.caseload`` in the framework file: names, types, each category column's values), in
any order; extra columns are kept and passed through. Every bad row is reported at once, with line, column, value and
reason, and nothing is imported from a file with any bad row. A file that is not a caseload at all
gets one message.

Every value is kept exactly as the file has it (as text), so that a sample written out holds the
provider's own values; validation looks at each distinct value once, which is what keeps a
national caseload of a quarter of a million rows fast to check.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from sufficiency.framework.csvlines import records
from sufficiency.framework.model import CaseloadColumn, CaseloadSpec, ColumnType
from sufficiency.framework.problems import Problem, ProblemsError
from sufficiency.framework.sampling_rules import SAMPLE_FILE_COLUMNS
from sufficiency.sampling import _arrow
from sufficiency.sampling.dates import parse_date

# Columns a sample file adds to the caseload's own; a caseload cannot already have them.
OUTPUT_COLUMNS: tuple[str, ...] = SAMPLE_FILE_COLUMNS

# --- problems -------------------------------------------------------------------------------------


class CaseloadError(ProblemsError):
    """A caseload that cannot be imported: a headline, and every problem found."""

    def __init__(self, source: str, headline: str, problems: Sequence[Problem] = ()) -> None:
        self.source = source
        super().__init__(problems, headline=f"{source}: {headline}")
        self.headline = headline


class NotACaseload(CaseloadError):
    """The file is not a caseload at all: unreadable, empty, binary, wrong encoding or columns."""


class InvalidCaseload(CaseloadError):
    """A caseload with bad rows; ``problems`` lists every one."""


# --- the caseload ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Caseload:
    """A validated caseload: every row of the file, every value as the file gives it."""

    source: str
    table: pa.Table  # one string column per column of the file, in the file's order
    # The declared columns other than the case id, each dictionary-encoded: later steps
    # (eligibility, strata) then work once per distinct value, as validation did.
    encoded: Mapping[str, pa.DictionaryArray] = field(repr=False)
    spec: CaseloadSpec = field(repr=False)  # the columns the framework declares

    @property
    def case_ids(self) -> pa.ChunkedArray:
        return self.table.column(self.spec.identifier)

    @property
    def population(self) -> int:
        """The number of cases in the caseload."""
        return int(self.table.num_rows)

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)


# (done, total, unit): the file's bytes as they are read, then a workbook's rows as they are
# converted (unit "bytes" or "rows").
Progress = Callable[[int, int, str], None]

_CHUNK = 4 << 20
_ZIP = b"PK\x03\x04"  # .xlsx, .xlsm, .ods
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls
_UTF16 = (b"\xff\xfe", b"\xfe\xff")


def read_caseload(path: Path, spec: CaseloadSpec, progress: Progress | None = None) -> Caseload:
    """Read a caseload file (CSV, or the first sheet of a workbook) and validate it against the
    columns a framework declares.

    Raises NotACaseload with one message, or InvalidCaseload listing every bad row.
    """
    raw = load_caseload(path, progress)
    return validate(raw, spec)


@dataclass(frozen=True, eq=False)
class RawCaseload:
    """A caseload file as read, before its rows are checked."""

    source: str
    table: pa.Table
    line_of: Callable[[int], int]  # 0-based data row → line (CSV) or row (worksheet)


def load_caseload(path: Path, progress: Progress | None = None) -> RawCaseload:
    """Read a caseload file into a table of strings, checking only that it is a caseload."""
    source = str(path)
    data = _read_bytes(path, source, progress)
    if data.startswith((_ZIP, _OLE)):
        return _load_workbook(data, source, progress)
    return _load_csv(data, source)


def _read_bytes(path: Path, source: str, progress: Progress | None) -> bytes:
    try:
        with path.open("rb") as handle:
            if progress is None:
                return handle.read()
            total = max(path.stat().st_size, 1)
            parts: list[bytes] = []
            done = 0
            progress(0, total, "bytes")
            while chunk := handle.read(_CHUNK):
                parts.append(chunk)
                done += len(chunk)
                progress(min(done, total), total, "bytes")
            return b"".join(parts)
    except IsADirectoryError:
        raise NotACaseload(source, "this is a folder, not a caseload file") from None
    except OSError as exc:
        raise NotACaseload(source, f"cannot read the file: {exc.strerror or exc}") from None


_NEEDS_HEADER = "a caseload needs a header row naming its columns"


def _check_header(names: list[str], source: str) -> None:
    """The header must name each column once, and no column the output adds. (Which columns
    it must name is the framework's to say: ``validate``.)"""
    if not any(names):
        raise NotACaseload(source, f"the first row is empty; {_NEEDS_HEADER}")
    unnamed = [str(i + 1) for i, name in enumerate(names) if not name]
    if unnamed:
        raise NotACaseload(
            source,
            f"the header row has no name for column(s) {', '.join(unnamed)}; "
            "every column needs a name",
        )
    repeated = sorted(name for name, count in Counter(names).items() if count > 1)
    if repeated:
        raise NotACaseload(
            source, f"the header row names {', '.join(repeated)} more than once; names must differ"
        )
    clashing = [name for name in OUTPUT_COLUMNS if name in names]
    if clashing:
        raise NotACaseload(
            source,
            f"the caseload has a column named {', '.join(clashing)}, which a sample file adds; "
            "rename it",
        )


# --- CSV ------------------------------------------------------------------------------------------


def _load_csv(data: bytes, source: str) -> RawCaseload:
    import pyarrow.csv as pcsv

    if data.startswith(_UTF16):
        raise NotACaseload(source, "the file is UTF-16 text; save it as CSV UTF-8")
    if b"\x00" in data:
        raise NotACaseload(source, "this is a binary file, not a CSV file or a workbook")
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # Excel's "CSV UTF-8" begins with a BOM
    end = data.find(b"\n", start)
    first_line = data[start : end if end >= 0 else len(data)]
    if not first_line.strip():
        if not data[start:].strip():
            raise NotACaseload(source, f"the file is empty; {_NEEDS_HEADER}")
        raise NotACaseload(source, "the first line is empty; a caseload starts with its header row")
    try:
        header_text = first_line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotACaseload(source, _not_utf8(start + exc.start)) from None
    names = [name.strip() for name in next(csv.reader([header_text.rstrip("\r")]), [])]
    # A spreadsheet's export can run past the last named column ("...,ttg,,"): such trailing
    # columns are read, must be empty, and are dropped, as the workbook reader does.
    unnamed_tail = 0
    while names and not names[-1]:
        names.pop()
        unnamed_tail += 1
    _check_header(names, source)
    if end < 0:  # the header alone, without a line end (Arrow cannot skip a line it never ends)
        no_cases = [_arrow.strings([]) for _ in names]
        return RawCaseload(source, pa.Table.from_arrays(no_cases, names=names), _simple_line)
    body = memoryview(data)[start:]  # no copy of a large file
    read_names = names + [f"\x00unnamed {i}" for i in range(unnamed_tail)]

    quoted = data.find(b'"', start) >= 0  # only a quoted value can hold a line break
    try:
        table = pcsv.read_csv(
            pa.py_buffer(body),
            read_options=pcsv.ReadOptions(column_names=read_names, skip_rows=1),
            parse_options=pcsv.ParseOptions(newlines_in_values=quoted),
            convert_options=pcsv.ConvertOptions(
                column_types={name: pa.string() for name in read_names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        message = str(exc)
        if "invalid UTF8" in message:
            raise NotACaseload(source, _not_utf8(_first_bad_utf8(data))) from None
        if "Expected" in message and "columns" in message:
            raise InvalidCaseload(
                source,
                "rows with the wrong number of values",
                _ragged_rows(body, len(read_names), source),
            ) from None
        raise NotACaseload(source, f"cannot be read as CSV: {message}") from None
    blank_lines = data.find(b"\n\n", start) >= 0 or data.find(b"\n\r\n", start) >= 0
    lines = _CsvLines(body) if quoted or blank_lines else None
    line_of = lines.line_of if lines else _simple_line
    if unnamed_tail:
        table = _drop_unnamed_tail(table, names, line_of, source)
    return RawCaseload(source, table, line_of)


def _drop_unnamed_tail(
    table: pa.Table, names: list[str], line_of: Callable[[int], int], source: str
) -> pa.Table:
    """The named columns only, once the unnamed ones after them are known to be empty."""
    import pyarrow.compute as pc

    extra = range(len(names), table.num_columns)
    rows = sorted(
        {
            row
            for i in extra
            for row in pc.indices_nonzero(pc.utf8_length(table.column(i))).to_pylist()
        }
    )
    problems = [
        Problem(
            source=source,
            line=line_of(row),
            value=",".join(table.column(i)[row].as_py() for i in extra),
            reason=f"has values beyond the header's {len(names)} columns",
        )
        for row in rows
    ]
    if problems:
        raise InvalidCaseload(source, "rows with values outside the named columns", problems)
    return table.select(names)


def _simple_line(row: int) -> int:
    return row + 2  # the header is line 1, and every record is one line


def _not_utf8(position: int) -> str:
    return (
        f"the file is not UTF-8 text (byte {position} cannot be read); "
        "save it as CSV UTF-8 or as a workbook"
    )


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _records(body: memoryview) -> Iterator[tuple[int, list[str]]]:
    """Each non-empty CSV record after the header, with the line it starts on."""
    found = records(bytes(body).decode("utf-8", errors="replace"))
    next(found, None)
    return found


class _CsvLines:
    """Data row → line, for files where records are not one per line (blank lines, line breaks
    inside quoted values). Worked out only when a problem needs a line number."""

    def __init__(self, body: memoryview) -> None:
        self._body = body
        self._lines: list[int] | None = None

    def line_of(self, row: int) -> int:
        if self._lines is None:
            self._lines = [line for line, _ in _records(self._body)]
        return self._lines[row]


def _ragged_rows(body: memoryview, width: int, source: str) -> list[Problem]:
    return [
        Problem(
            source=source,
            line=line,
            value=",".join(cells),
            reason=f"has {len(cells)} values; the header has {width} columns",
        )
        for line, cells in _records(body)
        if len(cells) != width
    ]


# --- workbooks ------------------------------------------------------------------------------------


_BATCH = 32_768  # worksheet rows held as Python strings at a time, before they become Arrow arrays


def _load_workbook(data: bytes, source: str, progress: Progress | None) -> RawCaseload:
    from python_calamine import CalamineError, CalamineWorkbook

    names: list[str] | None = None
    columns: list[list[pa.Array]] = []  # per column, its chunks
    batch: list[list[str]] = []
    numbers: list[int] = []  # the worksheet row of each case
    problems: list[Problem] = []

    def flush() -> None:
        for i, chunks in enumerate(columns):
            chunks.append(_arrow.strings([row[i] if i < len(row) else "" for row in batch]))
        batch.clear()

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise NotACaseload(source, "the workbook has no sheets")
        sheet = book.get_sheet_by_index(0)
        # iter_rows() starts at the sheet's first row (0-based), whether or not it has data.
        total = sheet.end[0] + 1 if sheet.end else 1
        for offset, cells in enumerate(sheet.iter_rows()):
            values = [_cell_text(cell) for cell in cells]
            if names is None:
                if not any(values):
                    continue  # blank rows above the header
                names = [value.strip() for value in values]
                while names and not names[-1]:
                    names.pop()  # a worksheet's used range can run past the last named column
                _check_header(names, source)
                columns = [[] for _ in names]
                continue
            if progress is not None and offset % 10_000 == 0:
                progress(offset, total, "rows")
            if not any(values):
                continue  # an empty row is no case
            if any(values[len(names) :]):
                problems.append(
                    Problem(
                        source=source,
                        line=offset + 1,
                        value=",".join(values[len(names) :]),
                        reason=f"has values beyond the header's {len(names)} columns",
                    )
                )
            batch.append(values)
            numbers.append(offset + 1)
            if len(batch) == _BATCH:
                flush()
    except CaseloadError:
        raise
    except (CalamineError, ValueError, OSError) as exc:
        raise NotACaseload(source, f"cannot be read as a workbook: {exc}") from None
    if names is None:
        raise NotACaseload(source, f"the first sheet is empty; {_NEEDS_HEADER}")
    if problems:
        raise InvalidCaseload(source, "rows with values outside the named columns", problems)
    flush()
    if progress is not None:
        progress(total, total, "rows")
    table = pa.Table.from_arrays(
        [pa.chunked_array(chunks, type=pa.string()) for chunks in columns], names=names
    )
    return RawCaseload(source, table, numbers.__getitem__)


def _cell_text(cell: Any) -> str:
    """A worksheet cell as the text a CSV export of it would hold."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time(0, 0):
            return cell.date().isoformat()
        return cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)


# --- validation -----------------------------------------------------------------------------------


def _reason(column: CaseloadColumn, value: str) -> str | None:
    """Why a value cannot stand in a column, or None if it can."""
    if value == "":
        return "missing required value" if column.required else None
    if column.type is ColumnType.CATEGORY and value not in column.allowed:
        return f"not one of {', '.join(column.allowed)}"
    if column.type is ColumnType.DATE and parse_date(value) is None:
        return "bad date: expected a real date written YYYY-MM-DD"
    return None


def validate(raw: RawCaseload, spec: CaseloadSpec) -> Caseload:
    """Check every row against the framework's columns; raise NotACaseload when the header
    lacks a declared column, InvalidCaseload listing every bad value, else the caseload."""
    table = raw.table
    missing = [name for name in spec.names if name not in table.column_names]
    if missing:
        raise NotACaseload(
            raw.source,
            f"this is not a caseload: the header row lacks {', '.join(missing)} "
            f"(a caseload needs {','.join(spec.names)}; found {','.join(table.column_names)})",
        )
    identifier = spec.identifier
    skipped = _blank_rows(table, identifier)
    encoded: dict[str, pa.DictionaryArray] = {}
    problems: list[tuple[int, int, Problem]] = []  # (row, column position, problem)
    for position, name in enumerate(table.column_names):
        column = spec.column(name)
        if column is None or column.type is ColumnType.IDENTIFIER:
            continue
        values = encoded[name] = _encode(table, name)
        distinct = values.dictionary.to_pylist()
        reasons = [_reason(column, value) for value in distinct]
        if any(reasons):
            bad = _arrow.per_row(_arrow.bools([r is not None for r in reasons]), values)
            codes = values.indices.to_pylist()
            for row in _arrow.true_rows(bad):
                code = codes[row]
                problem = Problem(field=name, value=distinct[code], reason=reasons[code] or "")
                problems.append((row, position, problem))
    problems.extend(_identifier_problems(table, raw, identifier))
    problems = [p for p in problems if p[0] not in skipped]
    if problems:
        problems.sort(key=lambda p: (p[0], p[1]))
        rows = [replace(p, source=raw.source, line=raw.line_of(row)) for row, _, p in problems]
        n_rows = len({row for row, _, _ in problems})
        raise InvalidCaseload(
            raw.source,
            f"{n_rows:,} bad row{'s' if n_rows != 1 else ''} ({len(rows):,} problem"
            f"{'s' if len(rows) != 1 else ''}); nothing was imported",
            rows,
        )
    if skipped:
        keep = _arrow.ints([row for row in range(table.num_rows) if row not in skipped])
        table = table.take(keep)
        # Encoded afresh: a dictionary kept through take() would still hold the blank rows' "".
        encoded = {name: _encode(table, name) for name in encoded}
    return Caseload(raw.source, table, encoded, spec)


def _encode(table: pa.Table, name: str) -> pa.DictionaryArray:
    return table.column(name).combine_chunks().dictionary_encode()


def _empty(values: pa.Array | pa.ChunkedArray) -> pa.BooleanArray:
    import pyarrow.compute as pc

    return pc.invert(pc.cast(pc.binary_length(values), pa.bool_()))


def _blank_rows(table: pa.Table, identifier: str) -> set[int]:
    """Rows with nothing in them (a spreadsheet's formatted but empty rows): no case, skipped.

    Only rows without a case id can be blank, so only those are looked at.
    """
    import pyarrow.compute as pc

    no_id = _empty(table.column(identifier))
    if not _arrow.any_true(no_id):
        return set()
    candidates = pc.indices_nonzero(no_id)
    rest = table.take(candidates)
    blank = _empty(rest.column(0))
    for i in range(1, rest.num_columns):
        blank = pc.and_(blank, _empty(rest.column(i)))
    rows: list[int] = candidates.to_pylist()
    return {rows[i] for i in _arrow.true_rows(blank)}


def _identifier_problems(
    table: pa.Table, raw: RawCaseload, identifier: str
) -> Iterator[tuple[int, int, Problem]]:
    """The case id: required, and unique."""
    import pyarrow.compute as pc

    ids = table.column(identifier)
    position = table.column_names.index(identifier)
    empty = _empty(ids)
    if _arrow.any_true(empty):
        for row in _arrow.true_rows(empty):
            yield (
                row,
                position,
                Problem(field=identifier, value="", reason="missing required value"),
            )
    ordered = pc.take(ids, pc.sort_indices(ids))  # neighbours when sorted: cheaper than hashing
    if len(ids) < 2 or not _arrow.any_true(pc.equal(ordered[1:], ordered[:-1])):
        return
    first: dict[str, int] = {}
    for row, value in enumerate(ids.to_pylist()):
        if value == "":  # missing (said above), or a blank row
            continue
        if value in first:
            reason = f"duplicate {identifier} (first on line {raw.line_of(first[value])})"
            yield row, position, Problem(field=identifier, value=value, reason=reason)
        else:
            first[value] = row
