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
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from sufficiency.framework.csvlines import records
from sufficiency.framework.model import CaseloadSpec
from sufficiency.framework.problems import Problem, ProblemsError
from sufficiency.framework.sampling_rules import SAMPLE_FILE_COLUMNS
from sufficiency.sampling import _arrow

# Columns a sample file adds to the caseload's own; a caseload cannot already have them.
OUTPUT_COLUMNS: tuple[str, ...] = SAMPLE_FILE_COLUMNS

# --- problems -------------------------------------------------------------------------------------


class CaseloadError(ProblemsError):
    """A caseload that cannot be imported: ``headline`` ("FILE: what is wrong"), and ``problems``,
    every problem found (a file that is not a caseload at all has one, naming only the file)."""

    def __init__(self, source: str, headline: str, problems: Sequence[Problem] = ()) -> None:
        self.source = source
        super().__init__(
            problems or [Problem(source=source, reason=headline)], headline=f"{source}: {headline}"
        )


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
    from sufficiency.sampling.validation import validate

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
        from sufficiency.sampling.workbook import load_workbook

        return load_workbook(data, source, progress)
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


NEEDS_HEADER = "a caseload needs a header row naming its columns"


def check_header(names: list[str], source: str) -> None:
    """The header must name each column once, and no column the output adds. (Which columns
    it must name is the framework's to say: ``validate``.)"""
    if not any(names):
        raise NotACaseload(source, f"the first row is empty; {NEEDS_HEADER}")
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
            raise NotACaseload(source, f"the file is empty; {NEEDS_HEADER}")
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
    check_header(names, source)
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
