"""`sufficiency framework list|show|check`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sufficiency.cli import app

runner = CliRunner()


def test_list_names_the_shipped_framework():
    result = runner.invoke(app, ["framework", "list"])
    assert result.exit_code == 0
    assert "hmip-probation-2018" in result.stdout
    assert "10 standards, 19 key questions" in " ".join(result.stdout.split())


def test_show_prints_the_tree_with_prompts():
    result = runner.invoke(app, ["framework", "show", "hmip-probation-2018"])
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "2.2.3 Does planning focus sufficiently on keeping other people safe?" in out
    assert "(RoSH relevant sub-sample)" in out
    assert "2.1.1.a" in out
    assert "1.1 Leadership (inspectors' judgement)" in out


def test_show_of_an_unknown_framework_fails_cleanly():
    result = runner.invoke(app, ["framework", "show", "nope"])
    assert result.exit_code == 2
    assert "no framework with this id or path" in result.stderr


def test_check_reports_every_problem(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nname: X\nversion: '1'\ncolour: red\n", encoding="utf-8")
    result = runner.invoke(app, ["framework", "check", str(path)])
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "unknown field 'colour'" in err
    assert "required field 'ratings' is missing" in err
    assert "required field 'domains' is missing" in err
