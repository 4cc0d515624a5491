"""Exports in the engine's own formats: `sufficiency rate` on them gives exactly the live result."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from inspection_builders import answer, cases
from sufficiency.cli import app
from sufficiency.exports import read_cell, safe_cell
from sufficiency.framework import Rating
from sufficiency.ratings import Answer, Decision, Judgement, PanelGrounds
from sufficiency.ratings.counting import CaseStatus, RecordedCase, rate_recorded
from sufficiency.ratings.exports import (
    answers_csv,
    cases_csv,
    decisions_csv,
    inspection_files,
)
from sufficiency.ratings.files import read_answers, read_decisions

TEXT = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))  # UTF-8 text
STATUSES = [
    CaseStatus.SUBMITTED,
    CaseStatus.QUERIED,
    CaseStatus.QUALITY_ASSURED,
    CaseStatus.DRAFT,
    CaseStatus.NOT_STARTED,
]


def an_inspection():
    """Three samples, every status, RoSH sub-sample, judgements for domain one, a panel uplift,
    and the values a spreadsheet would run as formulas in case ids and reasons."""
    supervision = cases("case_supervision", 30, rosh_relevant=12, prefix="=CS")
    unpaid = cases("unpaid_work", 10, prefix="-UPW")
    gate = cases("through_the_gate", 8, prefix="@TTG")
    every = supervision + unpaid + gate
    recorded = [RecordedCase(c, STATUSES[i % len(STATUSES)]) for i, c in enumerate(every)]
    answers = (
        answer("2.1.1", supervision, 20, 8, na=2)
        + answer("2.2.3", supervision[:12], 6, 5)
        + answer("2.4.1", supervision, 8, 20)
        + answer("4.1.1", unpaid, 7, 3)
        + answer("4.2.1", gate, 3, 4, na=1)
    )
    decisions = [
        Decision("1.1", Rating.GOOD, "=HYPERLINK(\"http://example.invalid\",\"click\")"),
        Decision("1.2", Rating.REQUIRES_IMPROVEMENT, "Staff survey, 'mixed'; two focus groups.\nSecond paragraph."),
        Decision("2.4", Rating.REQUIRES_IMPROVEMENT, "+ marginal, from a small number of cases", grounds=PanelGrounds.MARGINAL),
        Decision("4.2", Rating.REQUIRES_IMPROVEMENT, "\t'-wider evidence, \"quoted\", commas\r\nand lines", grounds=PanelGrounds.WIDER_EVIDENCE),
    ]  # fmt: skip
    return recorded, answers, decisions


def rate_files(tmp_path: Path, files) -> dict:
    for name, text in (
        ("answers", files.answers),
        ("cases", files.cases),
        ("decisions", files.decisions),
    ):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    result = CliRunner().invoke(
        app,
        ["rate", "--format", "json"]
        + [arg for name in ("answers", "cases", "decisions") for arg in (f"--{name}", str(tmp_path / f"{name}.csv"))],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sufficiency_rate_on_the_exported_files_gives_the_live_result(framework, tmp_path):
    recorded, answers, decisions = an_inspection()
    live, _ = rate_recorded(framework, recorded, answers, decisions)
    files = inspection_files(framework, recorded, answers, decisions)
    assert rate_files(tmp_path, files) == json.loads(json.dumps(live.as_dict()))
    assert live.standard("2.4").panel_adjusted  # the comparison covers an adjusted standard


def test_only_counted_cases_and_their_answers_are_exported(framework):
    recorded, answers, decisions = an_inspection()
    files = inspection_files(framework, recorded, answers, decisions)
    listed = list(csv.reader(io.StringIO(files.cases, newline="")))
    counted = [r.case for r in recorded if r.status.counts]
    assert listed[0] == ["case_id", "sample", "rosh_relevant"]
    assert [read_cell(row[0]) for row in listed[1:]] == [c.id for c in counted]
    answered = {read_cell(row[0]) for row in csv.reader(io.StringIO(files.answers, newline=""))}
    assert answered - {"case_id"} <= {c.id for c in counted}


def test_no_exported_cell_would_run_as_a_formula(framework):
    recorded, answers, decisions = an_inspection()
    files = inspection_files(framework, recorded, answers, decisions)
    for text in (files.answers, files.cases, files.decisions):
        for row in csv.reader(io.StringIO(text, newline="")):
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), row


def test_the_engines_columns_in_its_own_order():
    assert answers_csv([Answer("C1", "2.1.1", Judgement.NOT_APPLICABLE)]) == (
        "case_id,question_id,answer\r\nC1,2.1.1,n/a\r\n"
    )
    assert cases_csv(cases("unpaid_work", 1, rosh_relevant=1)) == (
        "case_id,sample,rosh_relevant\r\nUNP-000,unpaid_work,yes\r\n"
    )
    assert decisions_csv([Decision("1.1", Rating.GOOD, "-2 posts vacant")]) == (
        "standard_id,rating,reason\r\n1.1,Good,'-2 posts vacant\r\n"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TEXT))
def test_every_cell_reads_back_as_it_was_written(text):
    assert read_cell(safe_cell(text)) == text


@settings(max_examples=150, deadline=None)
@given(
    reason=st.text(alphabet=TEXT, max_size=40),
    case_id=st.text(alphabet=TEXT, min_size=1, max_size=12),
)
def test_any_reason_and_case_id_survive_the_files(tmp_path_factory, reason, case_id):
    folder = tmp_path_factory.mktemp("files")
    decisions = folder / "decisions.csv"
    decisions.write_text(
        decisions_csv([Decision("1.1", Rating.GOOD, reason)]), encoding="utf-8", newline=""
    )
    assert [d.reason for d in read_decisions(decisions)] == [reason.strip()]
    if case_id.strip():
        answers = folder / "answers.csv"
        answers.write_text(
            answers_csv([Answer(case_id, "2.1.1", Judgement.YES)]), encoding="utf-8", newline=""
        )
        assert [a.case_id for a in read_answers(answers)] == [case_id.strip()]


def test_a_bad_row_after_a_multi_line_reason_is_named_by_its_own_line(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text(
        'standard_id,rating,reason\n1.1,Good,"two\nlines"\n1.2,Fine,x\n', encoding="utf-8"
    )
    from sufficiency.ratings import RatingsInputError

    try:
        read_decisions(path)
    except RatingsInputError as exc:
        assert [(p.line, p.field) for p in exc.problems] == [(4, "rating")]
    else:
        raise AssertionError("a bad rating was accepted")
