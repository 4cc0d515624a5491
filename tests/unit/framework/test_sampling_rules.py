"""`framework check` refuses every sampling rule the caseload reader or the sampler could not
follow, naming the file, the line and the place in it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sufficiency.cli import app
from sufficiency.framework import FrameworkError, parse_framework


def shipped_text() -> str:
    data = resources.files("sufficiency.framework") / "data" / "hmip-probation-2018.yaml"
    return data.read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="own.yaml")
    return [str(p) for p in caught.value.problems]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    return [n for n, row in enumerate(text.splitlines(), 1) if needle in row][nth]


def test_a_window_on_a_column_the_caseload_does_not_declare_is_refused() -> None:
    text = shipped_text().replace("date_field: upw_start", "date_field: sentence_date")
    (problem,) = problems_of(text)
    line = line_of(text, "date_field: sentence_date")
    assert problem == (
        f"own.yaml:{line}: sampling.samples[1].eligibility.date_field 'sentence_date': not a "
        "date column of the caseload (supervision_start, upw_start, release_date)"
    )


def test_a_window_may_not_give_both_kinds_of_the_same_bound() -> None:
    text = shipped_text().replace(
        "        on_or_after: {months: 7}\n",
        "        on_or_after: {months: 7}\n        after: {months: 8}\n",
    )
    (problem,) = problems_of(text)
    assert (
        "sampling.samples[0].eligibility: a window gives on_or_after or after, not both" in problem
    )


def test_a_window_that_is_always_empty_is_refused() -> None:
    text = shipped_text().replace("on_or_after: {months: 7}", "on_or_after: {months: 5}")
    (problem,) = problems_of(text)
    assert "the window is always empty" in problem


def test_a_required_value_must_be_one_the_column_declares() -> None:
    text = shipped_text().replace('require: {ttg: "yes"}', 'require: {ttg: "Y"}')
    (problem,) = problems_of(text)
    assert (
        "sampling.samples[2].eligibility.require.ttg 'Y': not one of the ttg column's values"
        in (problem)
    )


def test_strata_and_providers_must_be_declared() -> None:
    text = (
        shipped_text()
        .replace("strata: [gender, disposal, rosh]", "strata: [gender, ethnicity]")
        .replace("providers: [CRC]  #", "providers: [CRC, Private]  #")
    )
    found = problems_of(text)
    assert any(
        "sampling.samples[0].strata[1] 'ethnicity': a stratum field must be a category or text "
        "column" in p
        for p in found
    )
    assert any(
        "sampling.samples[0].providers[1] 'Private': not one of the provider column's values: "
        "CRC, NPS" in p
        for p in found
    )


def test_the_caseload_needs_one_case_id_column_and_values_for_each_category() -> None:
    text = (
        shipped_text()
        .replace("{name: ldu, type: text}", "{name: ldu, type: identifier}")
        .replace(
            "        type: category\n        values:\n          - {value: male, name: Male}\n"
            "          - {value: female, name: Female}\n",
            "        type: category\n",
        )
    )
    found = problems_of(text)
    assert any("exactly one column of type identifier (the case id); found 2" in p for p in found)
    assert any("category column gender lists no values" in p for p in found)


def test_yes_without_quotes_gets_a_hint() -> None:
    text = shipped_text().replace('{value: "yes", name:', "{value: yes, name:")
    (problem,) = problems_of(text)
    assert "sampling.caseload.columns[9].values[0].value 'True'" in problem
    assert 'put the text in quotes ("yes")' in problem


def test_a_numeric_code_without_quotes_gets_a_hint() -> None:
    text = shipped_text().replace("{value: CRC, name:", "{value: 1, name:")
    found = problems_of(text)
    assert any(
        "sampling.caseload.columns[1].values[0].value '1': a number where text is expected" in p
        for p in found
    )


def test_standards_rated_from_case_data_need_a_sampling_section() -> None:
    text = shipped_text()
    start = text.index("sampling:\n")
    text = text[:start] + text[text.index("domains:\n") :]
    (problem,) = problems_of(text)
    assert "case_supervision, through_the_gate, unpaid_work sample(s)" in problem
    assert "no sampling section" in problem


def test_framework_check_prints_one_line_per_problem(tmp_path: Path) -> None:
    text = (
        shipped_text()
        .replace("date_field: upw_start", "date_field: sentence_date")
        .replace('require: {ttg: "yes"}', 'require: {ttg: "Y"}')
    )
    path = tmp_path / "own.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["framework", "check", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert "2 problems" in lines[0]
    assert lines[1].strip().startswith(f"{path}:{line_of(text, 'sentence_date')}: ")
    assert lines[2].strip().startswith(f"{path}:{line_of(text, 'ttg: ' + chr(34) + 'Y')}: ")
