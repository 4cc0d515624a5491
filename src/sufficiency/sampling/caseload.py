"""The provider's caseload extract: reading it (CSV or a workbook) and validating every row.

A caseload has a header row naming at least the documented columns, in any order; extra columns
are kept and passed through. Every bad row is reported at once, with line, column, value and
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
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa

from sufficiency.sampling import _arrow
from sufficiency.sampling.dates import parse_date

# --- the documented columns ---------------------------------------------------------------------


class Provider(StrEnum):
    CRC = "CRC"
    NPS = "NPS"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Disposal(StrEnum):
    COMMUNITY_ORDER = "community_order"
    SUSPENDED_SENTENCE_ORDER = "suspended_sentence_order"
    LICENCE = "licence"
    POST_SENTENCE_SUPERVISION = "post_sentence_supervision"


class RoshLevel(StrEnum):
    """Risk of serious harm level (OASys)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"


class Kind(StrEnum):
    IDENTIFIER = "identifier"  # unique, required
    CATEGORY = "category"  # one of a fixed list
    TEXT = "text"  # free text
    DATE = "date"  # YYYY-MM-DD


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool
    categories: tuple[str, ...] = ()  # the allowed values, in the order strata are listed


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


COLUMNS: tuple[Column, ...] = (
    Column("case_id", Kind.IDENTIFIER, required=True),
    Column("provider", Kind.CATEGORY, required=True, categories=_values(Provider)),
    Column("ldu", Kind.TEXT, required=True),
    Column("gender", Kind.CATEGORY, required=True, categories=_values(Gender)),
    Column("disposal", Kind.CATEGORY, required=True, categories=_values(Disposal)),
    Column("rosh", Kind.CATEGORY, required=True, categories=_values(RoshLevel)),
    Column("supervision_start", Kind.DATE, required=True),
    Column("upw_start", Kind.DATE, required=False),
    Column("release_date", Kind.DATE, required=False),
    Column("ttg", Kind.CATEGORY, required=True, categories=_values(YesNo)),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMN_BY_NAME: Mapping[str, Column] = {c.name: c for c in COLUMNS}
# Columns a sample file adds to the caseload's own; a caseload cannot already have them.
OUTPUT_COLUMNS: tuple[str, ...] = ("selection", "stratum")

# --- problems -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """One bad value in a caseload: where it is, what it is, and why it cannot be used."""

    line: int  # the line of the CSV file, or the row of the worksheet
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column} {self.value!r}: {self.reason}"


class CaseloadError(Exception):
    """A caseload that cannot be imported."""

    def __init__(self, source: str, headline: str, problems: Sequence[RowProblem] = ()) -> None:
        self.source = source
        self.headline = headline
        self.problems = list(problems)
        super().__init__("\n".join([f"{source}: {headline}", *map(str, self.problems)]))


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
    # The documented columns other than case_id, each dictionary-encoded: later steps (eligibility,
    # strata) then work once per distinct value, as validation did.
    encoded: Mapping[str, pa.DictionaryArray] = field(repr=False)

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


def read_caseload(path: Path, progress: Progress | None = None) -> Caseload:
    """Read and validate a caseload file (CSV, or the first sheet of a workbook).

    Raises NotACaseload with one message, or InvalidCaseload listing every bad row.
    """
    raw = load_caseload(path, progress)
    return validate(raw)


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


def _expected() -> str:
    return ",".join(COLUMN_NAMES)


def _check_header(names: list[str], source: str) -> None:
    """The header must name every documented column once, and no column the output adds."""
    if not any(names):
        raise NotACaseload(
            source, f"the first row is empty; a caseload needs a header: {_expected()}"
        )
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
    missing = [name for name in COLUMN_NAMES if name not in names]
    if missing:
        raise NotACaseload(
            source,
            f"this is not a caseload: the header row lacks {', '.join(missing)} "
            f"(a caseload needs {_expected()}; found {','.join(names)})",
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
            raise NotACaseload(
                source, f"the file is empty; a caseload needs a header: {_expected()}"
            )
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
                source, "rows with the wrong number of values", _ragged_rows(body, len(read_names))
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
        RowProblem(
            line_of(row),
            "(row)",
            _shorten(",".join(table.column(i)[row].as_py() for i in extra)),
            f"has values beyond the header's {len(names)} columns",
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
    text = io.StringIO(bytes(body).decode("utf-8", errors="replace"), newline="")
    reader = csv.reader(text)
    next(reader, None)
    start = reader.line_num + 1
    for cells in reader:
        if cells:  # a blank line is no record, for Arrow as for the csv module
            yield start, cells
        start = reader.line_num + 1


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


def _ragged_rows(body: memoryview, width: int) -> list[RowProblem]:
    return [
        RowProblem(
            line,
            "(row)",
            _shorten(",".join(cells)),
            f"has {len(cells)} values; the header has {width} columns",
        )
        for line, cells in _records(body)
        if len(cells) != width
    ]


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- workbooks ------------------------------------------------------------------------------------


_BATCH = 32_768  # worksheet rows held as Python strings at a time, before they become Arrow arrays


def _load_workbook(data: bytes, source: str, progress: Progress | None) -> RawCaseload:
    from python_calamine import CalamineError, CalamineWorkbook

    names: list[str] | None = None
    columns: list[list[pa.Array]] = []  # per column, its chunks
    batch: list[list[str]] = []
    numbers: list[int] = []  # the worksheet row of each case
    problems: list[RowProblem] = []

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
                    RowProblem(
                        offset + 1,
                        "(row)",
                        _shorten(",".join(values[len(names) :])),
                        f"has values beyond the header's {len(names)} columns",
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
        raise NotACaseload(
            source, f"the first sheet is empty; a caseload needs a header: {_expected()}"
        )
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


def _reason(column: Column, value: str) -> str | None:
    """Why a value cannot stand in a column, or None if it can."""
    if value == "":
        return "missing required value" if column.required else None
    if column.kind is Kind.CATEGORY and value not in column.categories:
        return f"unknown {column.name}: expected one of {', '.join(column.categories)}"
    if column.kind is Kind.DATE and parse_date(value) is None:
        return "bad date: expected a real date written YYYY-MM-DD"
    return None


def validate(raw: RawCaseload) -> Caseload:
    """Check every row; raise InvalidCaseload listing every bad value, else the caseload."""
    table = raw.table
    skipped = _blank_rows(table)
    encoded: dict[str, pa.DictionaryArray] = {}
    problems: list[tuple[int, int, RowProblem]] = []  # (row, column position, problem)
    for position, name in enumerate(table.column_names):
        column = COLUMN_BY_NAME.get(name)
        if column is None or column.kind is Kind.IDENTIFIER:
            continue
        values = encoded[name] = _encode(table, name)
        distinct = values.dictionary.to_pylist()
        reasons = [_reason(column, value) for value in distinct]
        if any(reasons):
            bad = _arrow.per_row(_arrow.bools([r is not None for r in reasons]), values)
            codes = values.indices.to_pylist()
            for row in _arrow.true_rows(bad):
                code = codes[row]
                problem = RowProblem(0, name, distinct[code], reasons[code] or "")
                problems.append((row, position, problem))
    problems.extend(_identifier_problems(table, raw))
    problems = [p for p in problems if p[0] not in skipped]
    if problems:
        problems.sort(key=lambda p: (p[0], p[1]))
        rows = [RowProblem(raw.line_of(row), p.column, p.value, p.reason) for row, _, p in problems]
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
    return Caseload(raw.source, table, encoded)


def _encode(table: pa.Table, name: str) -> pa.DictionaryArray:
    return table.column(name).combine_chunks().dictionary_encode()


def _empty(values: pa.Array | pa.ChunkedArray) -> pa.BooleanArray:
    import pyarrow.compute as pc

    return pc.invert(pc.cast(pc.binary_length(values), pa.bool_()))


def _blank_rows(table: pa.Table) -> set[int]:
    """Rows with nothing in them (a spreadsheet's formatted but empty rows): no case, skipped.

    Only rows without a case_id can be blank, so only those are looked at.
    """
    import pyarrow.compute as pc

    no_id = _empty(table.column("case_id"))
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
    table: pa.Table, raw: RawCaseload
) -> Iterator[tuple[int, int, RowProblem]]:
    """case_id: required, and unique."""
    import pyarrow.compute as pc

    ids = table.column("case_id")
    position = table.column_names.index("case_id")
    empty = _empty(ids)
    if _arrow.any_true(empty):
        for row in _arrow.true_rows(empty):
            yield row, position, RowProblem(0, "case_id", "", "missing required value")
    ordered = pc.take(ids, pc.sort_indices(ids))  # neighbours when sorted: cheaper than hashing
    if len(ids) < 2 or not _arrow.any_true(pc.equal(ordered[1:], ordered[:-1])):
        return
    first: dict[str, int] = {}
    for row, value in enumerate(ids.to_pylist()):
        if value == "":  # missing (said above), or a blank row
            continue
        if value in first:
            reason = f"duplicate case_id (first on line {raw.line_of(first[value])})"
            yield row, position, RowProblem(0, "case_id", value, reason)
        else:
            first[value] = row
