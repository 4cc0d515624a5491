"""`sufficiency rate`: the command-line contract other tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sufficiency.cli import app

runner = CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rate(*args: str):
    return runner.invoke(app, ["rate", *args])


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    rows = ["case_id,question_id,answer"]
    rows += [f"C{i},2.1.1,{'yes' if i < 3 else 'no'}" for i in range(4)]  # 75%
    rows += ["C0,2.2.3,yes", "C1,2.2.3,no", "C2,2.2.3,N/A"]
    return write(tmp_path, "answers.csv", "\n".join(rows) + "\n")


def test_json_output_follows_the_contract(answers: Path):
    result = rate(
        "--framework", "hmip-probation-2018", "--answers", str(answers), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"key_questions", "standards", "overall"}
    q = next(q for q in data["key_questions"] if q["id"] == "2.1.1")
    assert {k: q[k] for k in ("yes", "no", "not_applicable", "unanswered", "percent")} == {
        "yes": 3,
        "no": 1,
        "not_applicable": 0,
        "unanswered": 0,
        "percent": 75,
    }
    assert q["ci_low"] < 75 < q["ci_high"]
    rosh = next(q for q in data["key_questions"] if q["id"] == "2.2.3")
    assert (rosh["yes"], rosh["no"], rosh["not_applicable"], rosh["percent"]) == (1, 1, 1, 50)
    standard = next(s for s in data["standards"] if s["id"] == "2.1")
    assert {
        "id",
        "calculated_rating",
        "driving_question",
        "awarded_rating",
        "panel_adjusted",
        "borderline",
    } <= set(standard)
    assert standard["calculated_rating"] == "Good"
    assert standard["driving_question"] == "2.1.1"
    assert data["overall"] is None  # domain one has no judgements yet


def test_decisions_complete_the_overall_rating(answers: Path, tmp_path: Path):
    decisions = ["standard_id,rating,reason"] + [
        f"{sid},Good,Judged on the evidence" for sid in ("1.1", "1.2", "1.3", "1.4")
    ]
    decisions += [
        f"{sid},requires improvement,Panel: too few cases to rate"
        for sid in ("2.3", "2.4", "4.1", "4.2")
    ]
    decisions += ["2.2,Inadequate,Panel decision on the relevant sub-sample"]
    path = write(tmp_path, "decisions.csv", "\n".join(decisions) + "\n")
    result = rate("--answers", str(answers), "--decisions", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 4 × Good (8) + 2.1 Good (2) + 2.2 Inadequate (0) + 4 × Requires improvement (4) = 14
    assert data["overall"] == {"score": 14, "rating": "Requires improvement"}
    planning = next(s for s in data["standards"] if s["id"] == "2.2")
    assert planning["calculated_rating"] == "Requires improvement"  # 2.2.3 at 50%
    assert planning["awarded_rating"] == "Inadequate"
    assert planning["panel_adjusted"] is True


def test_table_output_names_standards_and_ratings(answers: Path):
    result = runner.invoke(app, ["rate", "--answers", str(answers)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2.1 Assessment" in result.stdout
    assert "Overall: not yet rated" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "case_id,question_id,answer\nC1,2.1.1,maybe\n",
            "answers.csv:2: answer 'maybe': not one of yes, no, n/a",
        ),
        (
            "case_id,question_id,answer\nC1,2.9.1,yes\n",
            "answers.csv:2: question_id: unknown key question '2.9.1'",
        ),
        (
            "case_id,answer\nC1,yes\n",
            "answers.csv:1: the header row lacks the column(s) question_id",
        ),
        ("", "answers.csv: the file is empty"),
        (
            "case_id,question_id,answer\nC1,2.1.1,yes\nC1,2.1.1,no\n",
            "answers.csv:3: question_id: case C1 has more than one answer",
        ),
        (
            "case_id,question_id,answer\n,2.1.1,yes\n",
            "answers.csv:2: case_id '': missing required value",
        ),
    ],
)
def test_bad_answers_get_a_clear_error_naming_file_line_and_field(tmp_path, text, message):
    path = write(tmp_path, "answers.csv", text)
    result = rate("--answers", str(path))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_a_binary_file_is_refused(tmp_path: Path):
    path = tmp_path / "answers.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = rate("--answers", str(path))
    assert result.exit_code == 2
    assert "binary file" in result.stderr


def test_a_panel_decision_without_a_reason_is_refused(answers: Path, tmp_path: Path):
    path = write(tmp_path, "decisions.csv", "standard_id,rating,reason\n2.1,Outstanding,\n")
    result = rate("--answers", str(answers), "--decisions", str(path))
    assert result.exit_code == 2
    assert "decisions.csv:2: reason: " in result.stderr


def test_an_unknown_rating_word_is_refused(answers: Path, tmp_path: Path):
    path = write(tmp_path, "decisions.csv", "standard_id,rating,reason\n1.1,Excellent,x\n")
    result = rate("--answers", str(answers), "--decisions", str(path))
    assert result.exit_code == 2
    assert "decisions.csv:2: rating 'Excellent': not one of Outstanding, Good" in " ".join(
        result.stderr.split()
    )


def test_a_missing_file_is_refused(tmp_path: Path):
    result = rate("--answers", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert "cannot read the file" in result.stderr


def test_a_case_list_catches_unknown_cases_and_rosh_answers_outside_the_subsample(
    answers: Path, tmp_path: Path
):
    path = write(
        tmp_path,
        "cases.csv",
        "case_id,sample,rosh_relevant\nC0,case-supervision,yes\nC1,case_supervision,no\n"
        "C2,case_supervision,yes\n",
    )
    result = rate("--answers", str(answers), "--cases", str(path))
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "answers.csv:5: case_id: unknown case 'C3'" in err
    assert "answers.csv:7: question_id: key question 2.2.3 is asked only of the relevant" in err
    assert "case C1 is not in it" in err


def test_a_case_list_sets_the_denominators(answers: Path, tmp_path: Path):
    rows = ["case_id,sample,rosh_relevant"] + [f"C{i},case_supervision,yes" for i in range(6)]
    path = write(tmp_path, "cases.csv", "\n".join(rows) + "\n")
    result = rate("--answers", str(answers), "--cases", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    q = next(q for q in data["key_questions"] if q["id"] == "2.1.1")
    assert q["unanswered"] == 2  # six cases inspected, four answered


def test_a_bad_case_list_names_the_line_and_field(answers: Path, tmp_path: Path):
    path = write(tmp_path, "cases.csv", "case_id,sample,rosh_relevant\nC0,custody,maybe\n")
    result = rate("--answers", str(answers), "--cases", str(path))
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert (
        "cases.csv:2: sample 'custody': not one of the framework's samples: case_supervision" in err
    )
    assert "cases.csv:2: rosh_relevant 'maybe': not yes or no" in err


def test_lines_are_counted_as_the_file_shows_them_across_quoted_line_breaks(tmp_path: Path):
    """A reason with a line break in quotes spans two lines; a blank line is a line too."""
    text = (
        "standard_id,rating,reason\n"
        '1.1,Good,"strong leadership,\nseen in every team"\n'
        "\n"
        "1.2,Brilliant,x\n"
    )
    path = write(tmp_path, "decisions.csv", text)
    answers = write(tmp_path, "answers.csv", "case_id,question_id,answer\nC1,2.1.1,yes\n")
    result = rate("--answers", str(answers), "--decisions", str(path))
    assert result.exit_code == 2
    assert "decisions.csv:5: rating 'Brilliant'" in " ".join(result.stderr.split())
