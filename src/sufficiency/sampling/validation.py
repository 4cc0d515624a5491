"""Validating a caseload against the columns its framework declares: every bad value of every row
reported at once (line, column, value, reason), each distinct value looked at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pyarrow as pa

from sufficiency.framework.model import CaseloadColumn, CaseloadSpec, ColumnType
from sufficiency.framework.problems import Problem
from sufficiency.sampling import _arrow
from sufficiency.sampling.caseload import Caseload, InvalidCaseload, NotACaseload, RawCaseload
from sufficiency.sampling.dates import parse_date


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
