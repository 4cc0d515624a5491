"""A provider's own audit framework (tests/data/northmoor-own-audit.yaml: its own caseload columns
and codes, two samples, three standards) goes through the whole command line: checked, shown,
sampled, a case replaced, and rated."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sufficiency.cli import app

FRAMEWORK = Path(__file__).parents[2] / "data" / "northmoor-own-audit.yaml"
COLUMNS = ("ref", "team", "managed_by", "sex", "order_type", "risk_band", "opened",
           "programme_start")  # fmt: skip
REFERENCE = "2026-03-02"  # casework: opened 2025-06-02 to 2025-12-02
runner = CliRunner()


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(26)
    path = tmp_path_factory.mktemp("northmoor") / "extract.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(600):
            opened = f"2025-{rng.randrange(4, 13):02d}-{rng.randrange(1, 29):02d}"
            programme = f"2026-0{rng.randrange(1, 3)}-{rng.randrange(1, 29):02d}"
            writer.writerow(
                [
                    f"NPP-{i:05d}",
                    rng.choice(["Riverside team", "Hilltop team", "Moorgate team"]),
                    rng.choice(["own", "own", "own", "partner"]),
                    rng.choice(["W", "M", "M", "M"]),
                    rng.choice(["CO", "SSO", "LIC"]),
                    rng.choice(["R1", "R1", "R2"]),
                    opened,
                    programme if rng.random() < 0.3 else "",
                ]
            )
    return path


def draw(caseload: Path, kind: str, output: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(
        app,
        ["sample", "--framework", str(FRAMEWORK), "--caseload", str(caseload), "--type", kind,
         "--reference-date", REFERENCE, "--seed", "5", "--output", str(output), *extra],
    )  # fmt: skip


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_providers_framework_is_checked_and_shown() -> None:
    checked = runner.invoke(app, ["framework", "check", str(FRAMEWORK)])
    assert checked.exit_code == 0, checked.output
    assert "framework northmoor-own-audit-2026 is valid: 3 standards, 3 key questions" in (
        " ".join(checked.stdout.split())
    )
    shown = runner.invoke(app, ["framework", "show", str(FRAMEWORK)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "A.2 Programmes (case data, programmes sample)" in shown.stdout


def test_both_samples_are_drawn_in_the_providers_own_columns(
    caseload: Path, tmp_path: Path
) -> None:
    by_ref = {row["ref"]: row for row in rows_of(caseload)}
    casework = tmp_path / "casework.csv"
    result = draw(caseload, "casework", casework)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Casework audit sample" in out
    assert "opened from 2025-06-02 to 2025-12-02, both days included; managed_by own" in out
    assert "z = 1.6449 (90% confidence)" in out
    assert "Strata (sex × order_type × risk_band)" in out
    rows = rows_of(casework)
    assert list(rows[0]) == [*COLUMNS, "selection", "stratum"]
    for row in rows:
        original = by_ref[row["ref"]]
        assert original["managed_by"] == "own"
        assert "2025-06-02" <= original["opened"] <= "2025-12-02"
        assert (
            row["stratum"] == f"{original['sex']}/{original['order_type']}/{original['risk_band']}"
        )

    programmes = tmp_path / "programmes.csv"
    result = draw(caseload, "programmes", programmes, "--ldu", "Hilltop team")
    assert result.exit_code == 0, result.output
    rows = rows_of(programmes)
    assert rows and {r["team"] for r in rows} == {"Hilltop team"}
    assert {r["stratum"] for r in rows} <= {"R1", "R2"}
    assert all(r["programme_start"] <= "2026-02-02" for r in rows)


def test_a_bad_extract_is_reported_in_the_providers_own_terms(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        ",".join(COLUMNS) + "\nNPP-1,Riverside team,own,X,CO,R1,2025-07-01,\n", encoding="utf-8"
    )
    result = draw(path, "casework", tmp_path / "s.csv")
    assert result.exit_code == 2
    assert f"{path}:2: sex 'X': not one of W, M" in result.stderr
    wrong = tmp_path / "hmip.csv"
    wrong.write_text("case_id,provider,ldu\nA1,CRC,North\n", encoding="utf-8")
    result = draw(wrong, "casework", tmp_path / "s.csv")
    assert result.exit_code == 2
    assert "the header row lacks ref, team, managed_by" in " ".join(result.stderr.split())


def test_a_case_is_replaced_by_its_own_id_column(caseload: Path, tmp_path: Path) -> None:
    output = tmp_path / "casework.csv"
    assert draw(caseload, "casework", output).exit_code == 0
    target = next(r for r in rows_of(output) if r["selection"] == "sample")
    result = runner.invoke(
        app,
        ["replace-case", "--framework", str(FRAMEWORK), "--sample", str(output),
         "--case", target["ref"], "--reason", "transferred to another area"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = {r["ref"]: r["selection"] for r in rows_of(output)}
    assert after[target["ref"]] == "replaced"


def test_the_drawn_cases_are_rated_against_the_providers_standards(
    caseload: Path, tmp_path: Path
) -> None:
    casework, programmes = tmp_path / "casework.csv", tmp_path / "programmes.csv"
    assert draw(caseload, "casework", casework).exit_code == 0
    assert draw(caseload, "programmes", programmes).exit_code == 0
    inspected = [
        ("casework", r["ref"]) for r in rows_of(casework) if r["selection"] == "sample"
    ] + [("programmes", r["ref"]) for r in rows_of(programmes) if r["selection"] == "sample"]
    rng = random.Random(3)
    cases = ["case_id,sample,rosh_relevant"]
    answers = ["case_id,question_id,answer"]
    for sample, ref in inspected:
        relevant = rng.random() < 0.5
        cases.append(f"{ref},{sample},{'yes' if relevant else 'no'}")
        if sample == "casework":
            answers.append(f"{ref},A.1.1,{'yes' if rng.random() < 0.9 else 'no'}")
            if relevant:
                answers.append(f"{ref},A.1.2,{'yes' if rng.random() < 0.6 else 'no'}")
        else:
            answers.append(f"{ref},A.2.1,{'yes' if rng.random() < 0.75 else 'no'}")
    files = {
        "cases": "\n".join(cases) + "\n",
        "answers": "\n".join(answers) + "\n",
        "decisions": "standard_id,rating,reason\nB.1,Good,Audit findings are acted on monthly.\n",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(text, encoding="utf-8")
    result = runner.invoke(
        app,
        ["rate", "--framework", str(FRAMEWORK), "--answers", str(paths["answers"]),
         "--cases", str(paths["cases"]), "--decisions", str(paths["decisions"]),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    figures = {q["id"]: q for q in data["key_questions"]}
    assert set(figures) == {"A.1.1", "A.1.2", "A.2.1"}
    assert (
        figures["A.1.2"]["yes"] + figures["A.1.2"]["no"]
        < figures["A.1.1"]["yes"] + (figures["A.1.1"]["no"])
    )  # the RoSH question is over the relevant sub-sample only
    ratings = {s["id"]: s["awarded_rating"] for s in data["standards"]}
    assert ratings["B.1"] == "Good" and all(ratings.values())
    scores = {"Outstanding": 3, "Good": 2, "Requires improvement": 1, "Inadequate": 0}
    assert data["overall"]["score"] == sum(scores[r] for r in ratings.values())
