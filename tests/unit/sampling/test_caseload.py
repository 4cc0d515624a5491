"""Reading and validating a caseload: every bad row at once, one message for a non-caseload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from caseload_builders import COLUMNS, case, csv_text
from sufficiency.framework import Problem, load_framework
from sufficiency.sampling import caseload as reader
from sufficiency.sampling.caseload import Caseload, InvalidCaseload, NotACaseload, Progress

SPEC = load_framework("hmip-probation-2018").sampling.caseload  # type: ignore[union-attr]


def read_caseload(path: Path, progress: Progress | None = None) -> Caseload:
    """A caseload read against the 2018/19 framework's declared columns."""
    return reader.read_caseload(path, SPEC, progress)


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InvalidCaseload) as caught:
        read_caseload(path)
    assert "nothing was imported" in caught.value.headline or caught.value.problems
    return caught.value.problems


def test_a_good_caseload_keeps_every_row_and_extra_column(write_csv: Callable[..., Path]) -> None:
    rows = [case("A1", officer="RO-1"), case("A2", officer="RO-2", ttg="yes")]
    path = write_csv(rows, columns=("officer", *reversed(COLUMNS)))  # any order, extras kept
    caseload = read_caseload(path)
    assert caseload.population == 2
    assert caseload.columns == ["officer", *reversed(COLUMNS)]
    assert caseload.table.column("officer").to_pylist() == ["RO-1", "RO-2"]
    assert caseload.table.column("case_id").to_pylist() == ["A1", "A2"]


def test_every_bad_row_is_reported_at_once_with_line_column_value_and_reason(
    write_csv: Callable[..., Path],
) -> None:
    rows = [
        case("B1"),
        case("B2", gender="Male"),  # line 3: unknown category
        case("B3", disposal="fine", rosh="extreme"),  # line 4: two unknown categories
        case("B4", supervision_start="2019-02-30"),  # line 5: a day that does not exist
        case("B5", upw_start="15/03/2019"),  # line 6: not YYYY-MM-DD
        case("B1"),  # line 7: duplicate case_id
        case("", ldu=""),  # line 8: missing required values
        case("B8", ttg=""),  # line 9: missing required value
        case("B9", provider="Probation Co"),  # line 10
    ]
    found = [(p.line, p.field, p.value) for p in problems_of(write_csv(rows))]
    assert found == [
        (3, "gender", "Male"),
        (4, "disposal", "fine"),
        (4, "rosh", "extreme"),
        (5, "supervision_start", "2019-02-30"),
        (6, "upw_start", "15/03/2019"),
        (7, "case_id", "B1"),
        (8, "case_id", ""),
        (8, "ldu", ""),
        (9, "ttg", ""),
        (10, "provider", "Probation Co"),
    ]


def test_each_reason_says_what_is_wrong(write_csv: Callable[..., Path]) -> None:
    rows = [
        case("C1", gender="Male"),
        case("C2", supervision_start="2019-13-01"),
        case("C1"),
        case("C4", rosh=""),
    ]
    reasons = {p.field: p.reason for p in problems_of(write_csv(rows))}
    assert reasons["gender"] == "not one of male, female"
    assert reasons["supervision_start"].startswith("bad date")
    assert reasons["case_id"] == "duplicate case_id (first on line 2)"
    assert reasons["rosh"] == "missing required value"


def test_optional_dates_may_be_empty_but_not_wrong(write_csv: Callable[..., Path]) -> None:
    ok = write_csv([case("D1", upw_start="", release_date="")], name="ok.csv")
    assert read_caseload(ok).population == 1
    bad = write_csv([case("D1", release_date="2019-6-1")], name="bad.csv")
    assert [(p.field, p.value) for p in problems_of(bad)] == [("release_date", "2019-6-1")]


def test_line_numbers_count_blank_lines_and_line_breaks_in_quoted_values(
    tmp_path: Path,
) -> None:
    text = (
        csv_text([case("E1", ldu="North\nWest"), case("E2")])
        + "\n"
        + csv_text([case("E3", gender="unknown")]).split("\n", 1)[1]
    )
    path = tmp_path / "caseload.csv"
    path.write_text(text, encoding="utf-8", newline="")
    # Line 1 header, lines 2–3 E1 (a quoted line break), line 4 E2, line 5 blank, line 6 E3.
    assert [(p.line, p.field) for p in problems_of(path)] == [(6, "gender")]


def test_rows_with_too_many_or_too_few_values_are_reported(tmp_path: Path) -> None:
    good = ",".join(case("F1")[name] for name in COLUMNS)
    path = tmp_path / "caseload.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n" + good + "\n" + good + ",extra\n" + "F3,CRC\n",
        encoding="utf-8",
    )
    found = [(p.line, p.reason) for p in problems_of(path)]
    assert found == [
        (3, "has 11 values; the header has 10 columns"),
        (4, "has 2 values; the header has 10 columns"),
    ]


def test_rows_with_nothing_in_them_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "caseload.csv"
    empty = "," * (len(COLUMNS) - 1)
    path.write_text(csv_text([case("G1")]) + empty + "\n" + empty + "\n", encoding="utf-8")
    caseload = read_caseload(path)
    assert caseload.population == 1
    assert caseload.encoded["gender"].dictionary.to_pylist() == ["male"]  # no "" of a blank row


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "caseload.csv"
    text = csv_text([case("H1"), case("H2")]).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    caseload = read_caseload(path)
    assert caseload.table.column("case_id").to_pylist() == ["H1", "H2"]
    assert caseload.table.column("ttg").to_pylist() == ["no", "no"]


def test_a_header_only_caseload_has_no_cases(write_csv: Callable[..., Path]) -> None:
    assert read_caseload(write_csv([])).population == 0


def test_a_header_without_a_line_end_is_a_caseload_with_no_cases(tmp_path: Path) -> None:
    path = tmp_path / "caseload.csv"
    path.write_text(",".join(COLUMNS), encoding="utf-8")
    caseload = read_caseload(path)
    assert caseload.population == 0
    assert caseload.columns == list(COLUMNS)


def test_empty_unnamed_columns_after_the_header_are_dropped_as_in_a_workbook(
    tmp_path: Path,
) -> None:
    path = tmp_path / "caseload.csv"  # as a spreadsheet exports formatted but empty columns
    path.write_text(
        "\n".join(line + ",," for line in csv_text([case("U1"), case("U2")]).splitlines()) + "\n",
        encoding="utf-8",
    )
    caseload = read_caseload(path)
    assert caseload.columns == list(COLUMNS)
    assert caseload.table.column("case_id").to_pylist() == ["U1", "U2"]


def test_values_in_unnamed_columns_after_the_header_are_reported(tmp_path: Path) -> None:
    lines = csv_text([case("V1"), case("V2"), case("V3")]).splitlines()
    path = tmp_path / "caseload.csv"
    path.write_text(
        "\n".join([lines[0] + ",,", lines[1] + ",,", lines[2] + ",,note", lines[3] + ",x,"]) + "\n",
        encoding="utf-8",
    )
    assert [(p.line, p.value) for p in problems_of(path)] == [(3, ",note"), (4, "x,")]


def test_an_unnamed_column_between_named_ones_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "caseload.csv"
    path.write_text(",".join([*COLUMNS[:3], "", *COLUMNS[3:]]) + "\n", encoding="utf-8")
    with pytest.raises(NotACaseload, match="no name for column"):
        read_caseload(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"case_id,gender\nX1,male\n", "lacks provider, ldu"),
        ("name,age\nAnn,4\n".encode("utf-16"), "UTF-16"),
        (
            b"case_id,provider,ldu,gender,disposal,rosh,supervision_start,upw_start,"
            b"release_date,ttg\nJ1,CRC,Caf\xe9 Town,male,licence,low,2019-01-01,,,no\n",
            "not UTF-8",
        ),
        (("case_id,case_id," + ",".join(COLUMNS[1:]) + "\n").encode(), "more than once"),
        ((",".join(COLUMNS) + ",selection\n").encode(), "which a sample file adds"),
        (b"PK\x03\x04not really a workbook", "cannot be read as a workbook"),
    ],
)
def test_a_file_that_is_not_a_caseload_gets_one_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    with pytest.raises(NotACaseload) as caught:
        read_caseload(path)
    assert caught.value.headline.startswith(f"{path}: ")
    (problem,) = caught.value.problems  # one problem, naming only the file
    assert (problem.source, problem.line) == (str(path), None)
    assert message in problem.reason
    assert "Traceback" not in str(caught.value)


def test_a_missing_file_or_a_folder_gets_one_message(tmp_path: Path) -> None:
    with pytest.raises(NotACaseload, match="cannot read the file"):
        read_caseload(tmp_path / "absent.csv")
    with pytest.raises(NotACaseload, match="folder"):
        read_caseload(tmp_path)


def test_a_workbook_gives_the_same_values_as_its_csv(
    write_csv: Callable[..., Path], write_xlsx: Callable[..., Path]
) -> None:
    rows = [
        case("K1", supervision_start="2019-03-01", upw_start="2019-03-20"),
        case("K2", disposal="licence", release_date="2019-02-27", ttg="yes"),
    ]
    extra = ("hours",)
    csv_path = write_csv(
        [{**r, "hours": h} for r, h in zip(rows, ("120", "7.5"), strict=True)],
        columns=(*COLUMNS, *extra),
    )
    cells = []
    for row, hours in zip(rows, (120, 7.5), strict=True):
        values: list[object] = []
        for name in COLUMNS:
            value = row[name]
            values.append(
                dt.date.fromisoformat(value) if "-" in value and value[:2] == "20" else value
            )
        cells.append([*values, hours])
    xlsx_path = write_xlsx(cells, header=(*COLUMNS, *extra), first_row=2)
    from_csv, from_xlsx = read_caseload(csv_path), read_caseload(xlsx_path)
    assert from_xlsx.columns == from_csv.columns
    assert from_xlsx.table.to_pydict() == from_csv.table.to_pydict()


def test_workbook_problems_name_the_worksheet_row(write_xlsx: Callable[..., Path]) -> None:
    good = [case("L1")[name] for name in COLUMNS]
    bad = [case("L2", rosh="severe")[name] for name in COLUMNS]
    path = write_xlsx([good, bad], first_row=1)  # header on row 2, cases on rows 3 and 4
    assert [(p.line, p.field, p.value) for p in problems_of(path)] == [(4, "rosh", "severe")]


def test_a_workbook_that_is_not_a_caseload_gets_one_message(
    write_xlsx: Callable[..., Path],
) -> None:
    path = write_xlsx([["Ann", 4]], header=("name", "age"))
    with pytest.raises(NotACaseload, match="not a caseload"):
        read_caseload(path)


def test_progress_is_reported_up_to_the_whole_file(write_csv: Callable[..., Path]) -> None:
    path = write_csv([case(f"M{i}") for i in range(50)])
    seen: list[tuple[int, int, str]] = []
    read_caseload(path, lambda done, total, unit: seen.append((done, total, unit)))
    assert seen[0] == (0, path.stat().st_size, "bytes")
    assert seen[-1] == (path.stat().st_size, path.stat().st_size, "bytes")


def test_workbook_progress_counts_rows(write_xlsx: Callable[..., Path]) -> None:
    path = write_xlsx([[case(f"Q{i}")[name] for name in COLUMNS] for i in range(30)])
    seen: list[tuple[int, int, str]] = []
    read_caseload(path, lambda done, total, unit: seen.append((done, total, unit)))
    assert seen[-1] == (31, 31, "rows")  # the header and 30 cases
    assert [s[0] for s in seen] == sorted(s[0] for s in seen if s[2] == "bytes") + [
        s[0] for s in seen if s[2] == "rows"
    ]


def test_workbook_values_outside_the_named_columns_are_reported(
    write_xlsx: Callable[..., Path],
) -> None:
    good = [case("N1")[name] for name in COLUMNS]
    stray = [*(case("N2")[name] for name in COLUMNS), "", "note"]
    path = write_xlsx([good, stray])
    assert [(p.line, p.value) for p in problems_of(path)] == [(3, ",note")]
