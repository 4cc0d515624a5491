"""One problem shape, printed one line each, and one physical-line counter for every CSV reader."""

from __future__ import annotations

import pytest

from sufficiency.framework.csvlines import records
from sufficiency.framework.problems import Origin, Problem


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_records_start_on_the_line_an_editor_shows(end: str) -> None:
    text = end.join(["a,b", '1,"two', 'lines"', "", "3,x", ""])
    assert list(records(text)) == [(1, ["a", "b"]), (2, ["1", f"two{end}lines"]), (5, ["3", "x"])]


def test_a_problem_is_one_line_with_its_source_line_field_value_and_reason() -> None:
    problem = Problem(
        source="answers.csv", line=4, field="answer", value="may\nbe", reason="not one of yes, no"
    )
    assert str(problem) == "answers.csv:4: answer 'may\\nbe': not one of yes, no"
    assert "\n" not in str(problem)
    assert str(Problem(source="f.yaml", reason="not valid YAML")) == "f.yaml: not valid YAML"
    assert str(Problem(field="decisions[0].rating", reason="r")) == "decisions[0].rating: r"
    assert str(Problem(line=3, value="", reason="missing")) == "line 3: '': missing"


def test_a_long_value_is_cut_in_the_message_but_kept_whole() -> None:
    problem = Problem(source="c.csv", line=2, field="ldu", value="x" * 500, reason="bad")
    assert len(str(problem)) < 100
    assert problem.as_dict() == {
        "source": "c.csv",
        "line": 2,
        "field": "ldu",
        "value": "x" * 500,
        "reason": "bad",
    }


def test_a_problem_at_a_rows_origin_names_it() -> None:
    at = Problem.at(Origin("cases.csv", 7), "not yes or no", "rosh_relevant", "maybe")
    assert (at.source, at.line, at.field, at.value) == ("cases.csv", 7, "rosh_relevant", "maybe")
    assert Problem.at(None, "unknown case", "case_id").source is None
