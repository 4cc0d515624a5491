"""`sufficiency report build --data REPORT.json --format html|pdf|csv|json --output PATH`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sufficiency.cli import app
from sufficiency.published import parse_report
from sufficiency.ratings import Answer, Case, Decision
from sufficiency.reporting import ReportData, ReportError
from sufficiency.reporting.files import parse_report_data, report_data_json

runner = CliRunner()


@pytest.fixture(scope="module")
def data(make_data: Callable[..., ReportData]) -> ReportData:
    return make_data()


@pytest.fixture
def document(data: ReportData) -> dict[str, Any]:
    return report_data_json(data)


def write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def build(*args: str) -> Any:
    return runner.invoke(app, ["report", "build", *args])


def test_report_data_written_as_json_reads_back_equal(
    data: ReportData, document: dict[str, Any]
) -> None:
    assert parse_report_data(json.dumps(document)) == data


def test_the_ratings_may_be_what_sufficiency_rate_wrote(
    document: dict[str, Any],
    recorded: tuple[list[Case], list[Answer], list[Decision]],
    tmp_path: Path,
) -> None:
    """The engine's own files → `sufficiency rate --format json` → the report's ratings."""
    cases, answers, decisions = recorded
    files = {
        "cases.csv": ["case_id,sample,rosh_relevant"]
        + [f"{c.id},{c.sample},{'yes' if c.rosh_relevant else 'no'}" for c in cases],
        "answers.csv": ["case_id,question_id,answer"]
        + [f"{a.case_id},{a.question_id},{a.judgement}" for a in answers],
        "decisions.csv": ["standard_id,rating,reason"]
        + [f'{d.standard_id},{d.rating},"{d.reason}"' for d in decisions],
    }
    for name, lines in files.items():
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rated = runner.invoke(
        app,
        ["rate", "--format", "json"]
        + [f"--{n.removesuffix('.csv')}={tmp_path / n}" for n in files],
    )
    assert rated.exit_code == 0, rated.output
    assert json.loads(rated.stdout) == document["ratings"]
    source = write(tmp_path, {**document, "ratings": json.loads(rated.stdout)})
    output = tmp_path / "report.pdf"
    built = build("--data", str(source), "--format", "pdf", "--output", str(output))
    assert built.exit_code == 0, built.output
    parsed = parse_report(output)
    assert {s.id: s.rating for s in parsed.standards} == {
        s["id"]: s["awarded_rating"] for s in document["ratings"]["standards"]
    }


@pytest.mark.parametrize("output_format", ["html", "json"])
def test_each_format_is_written_to_the_output(
    document: dict[str, Any], tmp_path: Path, output_format: str
) -> None:
    output = tmp_path / f"out.{output_format}"
    result = build(
        "--data", str(write(tmp_path, document)), "--format", output_format, "--output", str(output)
    )
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    if output_format == "html":
        assert '<h1 class="govuk-heading-xl">An inspection of Fenmarsh' in text
    else:
        assert next(t["id"] for t in json.loads(text)["tables"]) == "summary-of-ratings"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_csv_is_a_new_directory_of_one_file_per_table(
    document: dict[str, Any], tmp_path: Path
) -> None:
    source = write(tmp_path, document)
    result = build("--data", str(source), "--format", "csv", "--output", str(tmp_path / "tables"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "breakdown-domain-2.csv",
        "breakdown-domain-4.csv",
        "results-domain-2.csv",
        "results-domain-4.csv",
        "results-judgement.csv",
        "summary-of-ratings.csv",
    ]
    again = build("--data", str(source), "--format", "csv", "--output", str(tmp_path / "tables"))
    assert again.exit_code == 2
    assert "is not an empty directory" in again.stderr


def test_a_case_identifier_in_the_narrative_stops_the_build_and_writes_nothing(
    document: dict[str, Any], tmp_path: Path
) -> None:
    document["narrative"]["standards"][0]["key_findings"] = "One plan (FEN-007) was exemplary."
    output = tmp_path / "report.pdf"
    result = build(
        "--data", str(write(tmp_path, document)), "--format", "pdf", "--output", str(output)
    )
    assert result.exit_code == 2
    assert "cannot build the report: 1 problem(s)" in result.stderr
    assert (
        "standard 2.1 (Assessment) key findings, paragraph 1 'FEN-007': names a case: the report "
        "must not contain a case identifier" in result.stderr
    )
    assert not output.exists()


def test_every_bad_field_is_named(document: dict[str, Any], tmp_path: Path) -> None:
    document["methodology"]["samples"][0]["size"] = -1
    document["dates"]["fieldwork_end"] = "the end of November"
    del document["provider"]["kind"]
    result = build(
        "--data", str(write(tmp_path, document)), "--format", "html", "--output", "x.html"
    )
    assert result.exit_code == 2
    source = tmp_path / "report.json"
    for line in (
        f"{source}: methodology.samples[0].size '-1': Input should be greater than or equal to 0",
        f"{source}: dates.fieldwork_end 'the end of November': Input should be a valid date",
        f"{source}: provider.kind: Field required",
    ):
        assert line in result.stderr


def test_ratings_their_figures_do_not_give_are_refused(document: dict[str, Any]) -> None:
    standards = document["ratings"]["standards"]
    review = next(n for n, s in enumerate(standards) if s["id"] == "2.4")
    standards[review]["panel_adjusted"] = False
    standards[review]["reason"] = None
    with pytest.raises(ReportError) as refused:
        parse_report_data(json.dumps(document))
    assert [p.field for p in refused.value.problems] == [
        f"ratings.standards[{review}].panel_adjusted",
        f"ratings.standards[{review}].reason",
    ]


def test_an_unknown_format_and_a_file_that_is_not_json_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "report.json"
    source.write_text("{not json", encoding="utf-8")
    result = build("--data", str(source), "--format", "docx", "--output", "x")
    assert result.exit_code == 2 and "choose html, pdf, csv or json" in result.stderr
    result = build("--data", str(source), "--format", "pdf", "--output", "x")
    assert result.exit_code == 2 and "file: not JSON" in result.stderr


def test_report_check_reads_the_built_pdf_back_and_finds_no_difference(
    document: dict[str, Any], tmp_path: Path
) -> None:
    result = runner.invoke(app, ["report", "check", "--data", str(write(tmp_path, document))])
    assert result.exit_code == 0, result.output
    assert "reads back with every rating, key question figure, sample size" in result.stdout


def test_the_check_names_each_difference(make_data: Callable[..., ReportData]) -> None:
    from sufficiency.cli.report_check import round_trip_differences
    from sufficiency.published import parse_report_text
    from sufficiency.reporting import build_report, render_html

    without_panel = make_data(panel=False)
    parsed = parse_report_text(render_html(build_report(without_panel)))
    with_panel = make_data()
    assert round_trip_differences(without_panel, parsed) == []
    differences = round_trip_differences(with_panel, parsed)
    assert differences[0] == (
        "standard 2.4: the report reads Inadequate, the data gives Requires improvement"
    )
    assert differences[1].startswith("standard 2.4's panel footnote: the report reads None")
    assert len(differences) == 2


def test_report_example_writes_the_same_invented_data_for_the_same_seed(tmp_path: Path) -> None:
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path in paths:
        result = runner.invoke(app, ["report", "example", "--output", str(path), "--cases", "40"])
        assert result.exit_code == 0, result.output
    assert paths[0].read_bytes() == paths[1].read_bytes()
    data = parse_report_data(paths[0].read_bytes())
    assert sum(s.size for s in data.methodology.samples) == 40
    assert len(data.case_identifiers) == 40
