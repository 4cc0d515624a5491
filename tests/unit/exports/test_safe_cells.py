"""Exports never write a cell a spreadsheet would run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from caseload_builders import case, csv_text
from sufficiency.cli import app
from sufficiency.exports import FORMULA_TRIGGERS, read_cell, safe_cell, safe_row
from sufficiency.sampling.samplefile import read_sample

SRC = Path(__file__).resolve().parents[3] / "src" / "sufficiency"
HOSTILE = [
    '=HYPERLINK("http://attacker.invalid","click")',
    "+SUM(1,1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_starts_a_formula_is_written_as_text(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Testshire CRC", "2019-03-15", "", "a=b", "x-1"])
def test_ordinary_text_is_written_as_it_is(value: str) -> None:
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-1, -2.5, 0, None, True])
def test_numbers_and_empty_values_stay_as_they_are(value: object) -> None:
    assert safe_cell(value) is value


@given(st.text())
def test_no_written_cell_starts_a_formula_and_every_cell_reads_back(value: str) -> None:
    written = safe_cell(value)
    assert not written.startswith(FORMULA_TRIGGERS)
    assert read_cell(written) == value


def test_a_row_is_made_safe_cell_by_cell() -> None:
    assert safe_row(["ok", "=1", 3]) == ["ok", "'=1", 3]


def _writes_tables(text: str) -> bool:
    return bool(re.search(r"csv\.(writer|DictWriter)\(|xlsxwriter|openpyxl", text))


def test_every_module_that_writes_csv_or_xlsx_uses_the_safe_cell_rule() -> None:
    writers = [p for p in SRC.rglob("*.py") if _writes_tables(p.read_text(encoding="utf-8"))]
    assert writers, "expected at least the dataset export and the sample files"
    unsafe = [
        str(p.relative_to(SRC))
        for p in writers
        if "from sufficiency.exports import" not in p.read_text(encoding="utf-8")
    ]
    assert unsafe == [], f"these modules write CSV or XLSX without sufficiency.exports: {unsafe}"


def test_sample_files_and_their_log_write_hostile_values_as_text_and_read_them_back(
    tmp_path: Path,
) -> None:
    caseload = tmp_path / "caseload.csv"
    rows = [case(f"C{i}", supervision_start="2019-06-15") for i in range(40)]
    rows[0]["case_id"] = "=HYPERLINK(1)"
    rows[1]["ldu"] = "@Testshire"
    caseload.write_text(csv_text(rows), encoding="utf-8", newline="")
    output = tmp_path / "sample.csv"
    runner = CliRunner()
    args = ["--type", "case-supervision", "--reference-date", "2020-01-01", "--seed", "1"]
    result = runner.invoke(
        app, ["sample", "--caseload", str(caseload), *args, "--output", str(output)]
    )
    assert result.exit_code == 0, result.output

    def cells() -> list[str]:
        text = output.read_text("utf-8")
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]

    assert "'=HYPERLINK(1)" in cells() and "'@Testshire" in cells()
    assert not [cell for cell in cells() if cell.startswith(FORMULA_TRIGGERS)]
    sampled = read_sample(output, "case_id").entries()
    assert "=HYPERLINK(1)" in {entry.case_id for entry in sampled}  # read back as it was
    target = next(entry.case_id for entry in sampled if entry.selection.value == "sample")
    replaced = runner.invoke(
        app, ["replace-case", "--sample", str(output), "--case", target, "--reason", "-moved"]
    )
    assert replaced.exit_code == 0, replaced.output
    assert "'=HYPERLINK(1)" in cells()  # the rewritten file is still safe
    log = (tmp_path / "sample.replacements.csv").read_text("utf-8")
    assert "'-moved" in log
