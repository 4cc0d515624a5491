"""`sufficiency sample`, `sufficiency replace-case` and `sufficiency demo caseload`."""

from __future__ import annotations

import csv
import datetime as dt
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from caseload_builders import COLUMNS, case
from sufficiency.cli import app

runner = CliRunner()
REFERENCE = "2020-01-01"  # for demo caseloads, whose supervision starts end on 2019-12-31


@pytest.fixture(scope="module")
def demo_caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "caseload.csv"
    result = runner.invoke(
        app, ["demo", "caseload", "--rows", "6000", "--seed", "3", "--output", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def sample(  # type: ignore[no-untyped-def]
    caseload: Path,
    output: Path,
    *extra: str,
    kind: str = "case-supervision",
    seed: str = "42",
    reference: str = REFERENCE,
):
    return runner.invoke(
        app,
        [
            "sample",
            "--caseload",
            str(caseload),
            "--type",
            kind,
            "--reference-date",
            reference,
            "--seed",
            seed,
            "--output",
            str(output),
            *extra,
        ],
    )


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_demo_caseload_is_invented_and_varied(demo_caseload: Path) -> None:
    rows = rows_of(demo_caseload)
    assert len(rows) == 6000
    assert all(row["case_id"].startswith("SYN") for row in rows)
    for column, values in {
        "gender": {"male", "female"},
        "disposal": {
            "community_order",
            "suspended_sentence_order",
            "licence",
            "post_sentence_supervision",
        },
        "rosh": {"low", "medium", "high", "very_high"},
        "provider": {"CRC", "NPS"},
    }.items():
        assert {row[column] for row in rows} == values
    starts = sorted(row["supervision_start"] for row in rows)
    assert starts[0] >= "2018-01-01" and starts[-1] <= "2019-12-31"
    assert dt.date.fromisoformat(starts[-1]) - dt.date.fromisoformat(starts[0]) > dt.timedelta(
        days=700
    )


def test_demo_caseload_is_reproducible(tmp_path: Path) -> None:
    paths = [tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"]
    for path, seed in zip(paths, ("1", "1", "2"), strict=True):
        args = ["demo", "caseload", "--rows", "300", "--seed", seed, "--output", str(path)]
        assert runner.invoke(app, args).exit_code == 0
    assert paths[0].read_bytes() == paths[1].read_bytes() != paths[2].read_bytes()


@pytest.mark.parametrize("kind", ["case-supervision", "unpaid-work", "through-the-gate"])
def test_sample_writes_the_rows_with_selection_and_stratum(
    demo_caseload: Path, tmp_path: Path, kind: str
) -> None:
    output = tmp_path / "sample.csv"
    result = sample(demo_caseload, output, kind=kind)
    assert result.exit_code == 0, result.output
    rows = rows_of(output)
    header = next(csv.reader(output.open(encoding="utf-8")))
    assert header == [*COLUMNS, "responsible_officer", "selection", "stratum"]
    assert {row["selection"] for row in rows} == {"sample", "reserve"}
    by_id = {row["case_id"]: row for row in rows_of(demo_caseload)}
    fields = ("gender", "disposal", "rosh") if kind == "case-supervision" else ("gender", "rosh")
    for row in rows:
        original = by_id[row["case_id"]]
        assert {k: row[k] for k in original} == original  # input columns passed through
        assert row["stratum"] == "/".join(original[f] for f in fields)


def test_sample_summary_explains_itself(demo_caseload: Path, tmp_path: Path) -> None:
    result = sample(demo_caseload, tmp_path / "sample.csv")
    out = " ".join(result.stdout.split())
    assert "Population: 6,000 cases" in out
    assert "Eligible:" in out and "supervision_start from 2019-06-01 to 2019-07-01" in out
    assert "n0 = z²·p(1−p)/e² = 1.2816² × 0.5 × 0.5 / 0.05² = 164.24" in out
    assert "Strata (gender × disposal × rosh)" in out
    assert "Local delivery units" in out
    eligible = int(out.split("Eligible: ")[1].split(" ")[0].replace(",", ""))
    sampled = [r for r in rows_of(tmp_path / "sample.csv") if r["selection"] == "sample"]
    expected = -(-164.2374 // (1 + 163.2374 / eligible))  # n0 from the methodology, rounded up
    assert len(sampled) == int(expected)
    assert f"Sample size: {len(sampled)} (calculated)" in out


def test_sample_is_byte_identical_for_the_same_seed(demo_caseload: Path, tmp_path: Path) -> None:
    first, second, other = tmp_path / "1.csv", tmp_path / "2.csv", tmp_path / "3.csv"
    assert sample(demo_caseload, first).exit_code == 0
    assert sample(demo_caseload, second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    result = sample(demo_caseload, other, seed="43")
    assert result.exit_code == 0
    assert other.read_bytes() != first.read_bytes()


def test_a_size_override_is_used_and_recorded(demo_caseload: Path, tmp_path: Path) -> None:
    output = tmp_path / "sample.csv"
    result = sample(demo_caseload, output, "--size", "40", "--reserves", "0.5")
    assert result.exit_code == 0, result.output
    rows = rows_of(output)
    assert sum(r["selection"] == "sample" for r in rows) == 40
    assert sum(r["selection"] == "reserve" for r in rows) >= 20
    out = " ".join(result.stdout.split())
    assert "Sample size: 40 (override)" in out
    assert "override: --size 40 replaces the calculated" in out


def test_confidence_and_margin_change_the_size(demo_caseload: Path, tmp_path: Path) -> None:
    result = sample(demo_caseload, tmp_path / "s.csv", "--confidence", "0.95", "--margin", "0.1")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "z = 1.9600 (95% confidence)" in out


def test_a_workbook_and_its_csv_give_the_same_sample(
    write_csv: Callable[..., Path], write_xlsx: Callable[..., Path], tmp_path: Path
) -> None:
    rng = random.Random(9)
    rows = [
        case(
            f"W{i:03d}",
            gender=rng.choice(["male", "female"]),
            rosh=rng.choice(["low", "medium", "high"]),
            disposal=rng.choice(["community_order", "licence"]),
            supervision_start=f"2019-06-{rng.randrange(1, 31):02d}",
        )
        for i in range(300)
    ]
    csv_path = write_csv(rows)
    cells = [
        [dt.date.fromisoformat(r[c]) if c == "supervision_start" else r[c] for c in COLUMNS]
        for r in rows
    ]
    xlsx_path = write_xlsx(cells)
    assert sample(csv_path, tmp_path / "from-csv.csv").exit_code == 0
    assert sample(xlsx_path, tmp_path / "from-xlsx.csv").exit_code == 0
    assert (tmp_path / "from-csv.csv").read_bytes() == (tmp_path / "from-xlsx.csv").read_bytes()


def test_a_caseload_with_blank_rows_is_sampled(
    write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_csv([case(f"B{i}", supervision_start="2019-06-15") for i in range(5)])
    blank = "," * (len(COLUMNS) - 1) + "\n"  # a spreadsheet's formatted but empty row
    path.write_text(path.read_text(encoding="utf-8") + blank, encoding="utf-8")
    output = tmp_path / "sample.csv"
    result = sample(path, output)
    assert result.exit_code == 0, result.output
    assert sorted(r["case_id"] for r in rows_of(output)) == [f"B{i}" for i in range(5)]


def test_bad_rows_are_all_listed_and_nothing_is_written(
    write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_csv([case("X1", gender="m"), case("X2"), case("X1", rosh="none")])
    output = tmp_path / "sample.csv"
    result = sample(path, output)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    err = " ".join(result.stderr.split())
    assert "2 bad rows" in err
    # One line each: file, line, column, value, reason.
    assert f"{path}:2: gender 'm': not one of male, female" in err
    assert f"{path}:4: rosh 'none': not one of low, medium, high, very_high" in err
    assert f"{path}:4: case_id 'X1': duplicate case_id (first on line 2)" in err
    assert not output.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03", "binary file"),
        (b"a,b\n1,2\n", "not a caseload"),
        (b"case_id\n\xff\xfe\x00", "binary file"),
    ],
)
def test_a_non_caseload_fails_with_one_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    result = sample(path, tmp_path / "sample.csv")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) <= 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"reference": "2020-02-30"}, "not a date written YYYY-MM-DD"),
        ({"extra": ("--confidence", "80")}, "--confidence must be between 0 and 1"),
        ({"extra": ("--reserves", "-0.1")}, "--reserves must be a fraction of zero or more"),
        ({"extra": ("--reserves", "nan")}, "--reserves must be a fraction of zero or more"),
        ({"extra": ("--reserves", "inf")}, "--reserves must be a fraction of zero or more"),
    ],
)
def test_bad_options_fail_cleanly(
    demo_caseload: Path, tmp_path: Path, args: dict[str, Any], message: str
) -> None:
    options = dict(args)
    extra = options.pop("extra", ())
    result = sample(demo_caseload, tmp_path / "s.csv", *extra, **options)
    assert result.exit_code != 0
    assert message in " ".join(result.stderr.split())


def test_no_eligible_case_is_an_error(demo_caseload: Path, tmp_path: Path) -> None:
    result = sample(demo_caseload, tmp_path / "s.csv", reference="2030-01-01")
    assert result.exit_code == 2
    assert "no case" in result.stderr and "is eligible" in result.stderr


@pytest.mark.parametrize("folder", ["no[bold]such", "no[/b]such"])
def test_a_path_with_brackets_is_printed_as_it_is(
    demo_caseload: Path, tmp_path: Path, folder: str
) -> None:
    output = tmp_path / folder / "s.csv"
    result = sample(demo_caseload, output)
    assert result.exit_code == 2
    assert f"the folder {output.parent} does not exist" in " ".join(result.stderr.split())


def test_the_output_cannot_overwrite_the_caseload(demo_caseload: Path) -> None:
    before = demo_caseload.read_bytes()
    result = sample(demo_caseload, demo_caseload)
    assert result.exit_code == 2
    assert demo_caseload.read_bytes() == before


def test_replace_case_updates_the_sample_and_logs_the_reason(
    demo_caseload: Path, tmp_path: Path
) -> None:
    output = tmp_path / "sample.csv"
    assert sample(demo_caseload, output).exit_code == 0
    rows = rows_of(output)
    target = next(r for r in rows if r["selection"] == "sample")
    reserve = next(
        r for r in rows if r["selection"] == "reserve" and r["stratum"] == target["stratum"]
    )
    result = runner.invoke(
        app,
        [
            "replace-case",
            "--sample",
            str(output),
            "--case",
            target["case_id"],
            "--reason",
            "in custody, not supervised in the community",
        ],
    )
    assert result.exit_code == 0, result.output
    after = {r["case_id"]: r["selection"] for r in rows_of(output)}
    assert after[target["case_id"]] == "replaced"
    assert after[reserve["case_id"]] == "sample"
    assert sum(s == "sample" for s in after.values()) == sum(
        r["selection"] == "sample" for r in rows
    )
    log = rows_of(tmp_path / "sample.replacements.csv")
    assert log == [
        {
            "replaced": target["case_id"],
            "replacement": reserve["case_id"],
            "stratum": target["stratum"],
            "reason": "in custody, not supervised in the community",
        }
    ]
    again = runner.invoke(
        app, ["replace-case", "--sample", str(output), "--case", target["case_id"], "--reason", "x"]
    )
    assert again.exit_code == 2
    assert "replaced case, not a sampled one" in " ".join(again.stderr.split())


def test_replace_case_reads_a_sample_saved_again_by_excel(
    demo_caseload: Path, tmp_path: Path
) -> None:
    """Excel's "CSV UTF-8" puts a byte order mark before the header and ends lines with CRLF."""
    output = tmp_path / "sample.csv"
    assert sample(demo_caseload, output).exit_code == 0
    target = next(r for r in rows_of(output) if r["selection"] == "sample")
    text = output.read_text(encoding="utf-8")
    output.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    args = ["replace-case", "--sample", str(output), "--case", target["case_id"], "--reason", "x"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("case_id,")


def test_replace_case_names_the_line_of_a_bad_sample_row(tmp_path: Path) -> None:
    path = tmp_path / "sample.csv"
    path.write_text('case_id,selection,stratum\n\nA1,sample,"x\ny"\nA2,bogus,x\n', encoding="utf-8")
    result = runner.invoke(
        app, ["replace-case", "--sample", str(path), "--case", "A1", "--reason", "x"]
    )
    assert result.exit_code == 2
    assert f"{path}:5: selection 'bogus': not one of" in " ".join(result.stderr.split())


def test_the_pipeline_does_not_import_pandas(demo_caseload: Path, tmp_path: Path) -> None:
    """pyarrow imports pandas, when it is installed, on some conversions: 0.2 s and 60 MB the
    sampling command must not pay (see sampling/_arrow.py)."""
    script = f"""
import sys
from sufficiency.cli import app
try:
    app(["sample", "--caseload", {str(demo_caseload)!r}, "--type", "unpaid-work",
         "--reference-date", "{REFERENCE}", "--seed", "1", "--output", {str(tmp_path / "s.csv")!r}])
except SystemExit as exit:
    assert not exit.code, exit.code
print("pandas" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_an_unusable_framework_fails_cleanly(demo_caseload: Path, tmp_path: Path) -> None:
    result = sample(demo_caseload, tmp_path / "s.csv", "--framework", "no-such-framework")
    assert result.exit_code == 2
    assert "no framework with this id or path" in result.stderr
    assert "Traceback" not in result.output


def test_a_progress_bar_shows_while_a_person_watches(
    demo_caseload: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    from sufficiency.cli import sampling as sampling_cli

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    monkeypatch.setattr(sampling_cli, "errors", terminal)
    result = sample(demo_caseload, tmp_path / "s.csv")
    assert result.exit_code == 0, result.output
    assert "Reading the caseload" in screen.getvalue()


def test_windows_and_strata_come_from_the_framework(demo_caseload: Path, tmp_path: Path) -> None:
    from importlib import resources

    shipped = (
        resources.files("sufficiency.framework") / "data" / "hmip-probation-2018.yaml"
    ).read_text(encoding="utf-8")
    old = "strata: [gender, rosh]\n      eligibility:\n        date_field: upw_start\n        on_or_before: {months: 3}"
    assert old in shipped
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        shipped.replace(
            old,
            "strata: []\n      eligibility:\n        date_field: upw_start\n        on_or_before: {months: 23}",
        ),
        encoding="utf-8",
    )
    output = tmp_path / "s.csv"
    result = sample(demo_caseload, output, "--framework", str(custom), kind="unpaid-work")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "upw_start on or before 2018-02-01" in out  # R − 23 months
    rows = rows_of(output)
    assert {r["stratum"] for r in rows} == {"all"}
    assert all(r["upw_start"] <= "2018-02-01" for r in rows)


def test_type_takes_the_frameworks_sample_ids_in_either_spelling(
    demo_caseload: Path, tmp_path: Path
) -> None:
    hyphens, underscores = tmp_path / "h.csv", tmp_path / "u.csv"
    assert sample(demo_caseload, hyphens, kind="through-the-gate").exit_code == 0
    assert sample(demo_caseload, underscores, kind="through_the_gate").exit_code == 0
    assert hyphens.read_bytes() == underscores.read_bytes()
    result = sample(demo_caseload, tmp_path / "x.csv", kind="home-visits")
    assert result.exit_code == 2
    assert "defines no home-visits sample (it has: case_supervision, unpaid_work" in result.stderr


def test_only_the_chosen_local_delivery_units_are_sampled(
    demo_caseload: Path, tmp_path: Path
) -> None:
    output = tmp_path / "s.csv"
    result = sample(demo_caseload, output, "--ldu", "Ivydale", "--ldu", "Gorsefield")
    assert result.exit_code == 0, result.output
    assert {r["ldu"] for r in rows_of(output)} == {"Ivydale", "Gorsefield"}
    assert "Local delivery units sampled: Ivydale, Gorsefield" in result.stdout
    result = sample(demo_caseload, tmp_path / "t.csv", "--ldu", "Atlantis")
    assert result.exit_code == 2
    assert "no case of the caseload is in 'Atlantis'" in result.stderr


def test_a_window_override_needs_a_reason_and_is_recorded(
    demo_caseload: Path, tmp_path: Path
) -> None:
    output = tmp_path / "s.csv"
    window = ("--window-from", "2019-06-10", "--window-to", "2019-06-20")
    refused = sample(demo_caseload, output, *window, kind="unpaid-work")
    assert refused.exit_code == 2
    assert "say why with --window-reason" in refused.stderr
    assert not output.exists()
    reason = "the provider's unpaid work scheme started on 10 June"
    result = sample(demo_caseload, output, *window, "--window-reason", reason, kind="unpaid-work")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "upw_start from 2019-06-10 to 2019-06-20, both days included" in out
    assert f"Window overridden (not the framework's): {reason}" in out
    assert all("2019-06-10" <= r["upw_start"] <= "2019-06-20" for r in rows_of(output))
