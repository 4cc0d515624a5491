"""`sufficiency published parse`: JSON or tables on standard output, clear errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from published_builders import REPORTS, Spec, build, shared_report
from sufficiency.cli import app

runner = CliRunner()


@pytest.mark.parametrize("name", REPORTS)
def test_parse_prints_the_json_contract(name: str, published_dir: Path) -> None:
    result = runner.invoke(app, ["published", "parse", str(published_dir / f"{name}.txt")])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    expected = shared_report(name)[1]
    assert {key: parsed[key] for key in expected} == expected
    assert parsed["checks"]["ok"] is True


def test_parse_prints_tables_with_the_checks(published_dir: Path) -> None:
    result = runner.invoke(
        app,
        ["published", "parse", str(published_dir / "essex-crc-2018.txt"), "--format", "table"],
    )
    assert result.exit_code == 0, result.output
    assert "Essex Community Rehabilitation Company" in result.stdout
    assert "Panel adjustment on 2.4: calculated Inadequate, awarded Requires improvement" in (
        " ".join(result.stdout.split())
    )
    assert "Samples: case supervision 100, unpaid work 36, through the gate 15" in result.stdout


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("Minutes of the meeting.\n\nNothing about ratings.\n", "does not look like a published"),
        (
            "Quality & Impact inspection\n\nThe effectiveness of probation work in Marshford\n",
            "2017 Quality & Impact inspection report",
        ),
        ("", "empty"),
    ],
)
def test_what_is_not_a_report_gets_a_message_and_exit_2(
    tmp_path: Path, content: str, says: str
) -> None:
    path = tmp_path / "file.txt"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["published", "parse", str(path)])
    assert result.exit_code == 2
    assert says in " ".join(result.stderr.split())
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_a_missing_file_gets_a_message_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["published", "parse", str(tmp_path / "absent.pdf")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_a_refusal_prints_each_problem_in_one_line_as_every_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "partial.txt"
    text = build(Spec()).replace("Overall rating\n\n", "Overall\n\n").replace("is rated as:", "is:")
    text = text.replace("1.2\tStaff\tRequires improvement", "1.2\tStaff")
    path.write_text(text.replace("1.2. Staff\tRequires improvement", "1.2. Staff"), "utf-8")
    result = runner.invoke(app, ["published", "parse", str(path)])
    assert result.exit_code == 2
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert f"{path}: overall_rating: no overall rating ('Overall rating' followed by a rating)" in (
        lines
    )
    assert any(line.startswith(f"{path}: standards: ") for line in lines)
