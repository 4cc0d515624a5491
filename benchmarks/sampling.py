"""Benchmark: `sufficiency sample` on a national-scale caseload (267,146 rows).

    uv run python benchmarks/sampling.py [--rows 267146] [--repeats 7] [--check]

Every figure is a whole process, started afresh, measured side by side in one run, the variants
interleaved so that a busy machine slows them alike; each is the median of the repeats:

- command: `sufficiency sample` (read, validate, filter, allocate, draw, write, summary), for each
  of the three sample types;
- floor: only reading the same file with the same reader (`sampling.caseload.load_caseload`:
  pyarrow's CSV reader with the same options), in a Python process of its own;
- bare pyarrow: `pyarrow.csv.read_csv` of the file, all columns as text, for reference;
- pandas: a plain pandas group-by-and-sample (`benchmarks/pandas_sampling.py`).

Wall time is taken around each process; peak memory is the process's maximum resident set size
(`os.wait4`). Python bytecode is cached in a private folder (`PYTHONPYCACHEPREFIX`) after a
warm-up run, as an installed program has it; nothing is written into the project.

The targets (issue 3): the command in at most 1 s and 300 MB, within 3× the floor, and faster than
pandas. `--check` exits non-zero when one is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
REFERENCE = "2020-01-01"  # the demo caseload's supervision starts run to 2019-12-31
SEED = 42
TYPES = ("case-supervision", "unpaid-work", "through-the-gate")
LIMIT_SECONDS = 1.0
LIMIT_MB = 300.0
LIMIT_FLOOR_RATIO = 3.0


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(argv: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=267_146)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sufficiency-bench-") as work:
        return measure(args, Path(work))


def measure(args: argparse.Namespace, work: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    caseload = work / "caseload.csv"
    sufficiency = str(BIN / "sufficiency")
    subprocess.run(
        [sufficiency, "demo", "caseload", "--rows", str(args.rows), "--seed", "1",
         "--output", str(caseload)],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    size_mb = caseload.stat().st_size / 1e6
    python = sys.executable
    variants: dict[str, list[str]] = {}
    for kind in TYPES:
        variants[f"command {kind}"] = [
            sufficiency, "sample", "--caseload", str(caseload), "--type", kind,
            "--reference-date", REFERENCE, "--seed", str(SEED),
            "--output", str(work / f"{kind}.csv"),
        ]  # fmt: skip
    variants["floor: the same reader"] = [
        python, "-c",
        "import sys; from pathlib import Path; "
        "from sufficiency.sampling.caseload import load_caseload; "
        "load_caseload(Path(sys.argv[1]))",
        str(caseload),
    ]  # fmt: skip
    variants["bare pyarrow.csv.read_csv"] = [
        python, "-c",
        "import sys, pyarrow as pa, pyarrow.csv as c; "
        "names = open(sys.argv[1], encoding='utf-8').readline().strip().split(','); "
        "c.read_csv(sys.argv[1], convert_options=c.ConvertOptions("
        "column_types={n: pa.string() for n in names}))",
        str(caseload),
    ]  # fmt: skip
    for kind in TYPES:
        variants[f"pandas {kind}"] = [
            python, str(HERE / "pandas_sampling.py"), str(caseload), kind, REFERENCE,
            str(SEED), str(work / f"pandas-{kind}.csv"),
        ]  # fmt: skip

    for argv in variants.values():  # warm-up: bytecode cache and page cache
        run(argv, env)
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(args.repeats):
        for name, argv in variants.items():
            runs[name].append(run(argv, env))

    def median_s(name: str) -> float:
        return statistics.median(r.seconds for r in runs[name])

    def median_mb(name: str) -> float:
        return statistics.median(r.peak_mb for r in runs[name])

    print(
        f"caseload: {args.rows:,} rows, {size_mb:.1f} MB; {args.repeats} repeats, medians; "
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}"
    )
    print(f"{'variant':<34} {'wall s':>7} {'min s':>7} {'max s':>7} {'peak MB':>8}")
    for name in variants:
        times = [r.seconds for r in runs[name]]
        print(
            f"{name:<34} {median_s(name):>7.3f} {min(times):>7.3f} {max(times):>7.3f} "
            f"{median_mb(name):>8.0f}"
        )
    floor = median_s("floor: the same reader")
    missed = []
    print()
    for kind in TYPES:
        name = f"command {kind}"
        seconds, mb = median_s(name), median_mb(name)
        ratio = seconds / floor
        versus_pandas = median_s(f"pandas {kind}") / seconds
        print(
            f"{kind:<17} {seconds:.3f} s, {mb:.0f} MB, {ratio:.2f}× the floor, "
            f"pandas takes {versus_pandas:.2f}× as long"
        )
        if seconds > LIMIT_SECONDS:
            missed.append(f"{kind}: {seconds:.3f} s > {LIMIT_SECONDS} s")
        if mb > LIMIT_MB:
            missed.append(f"{kind}: {mb:.0f} MB > {LIMIT_MB:.0f} MB")
        if ratio > LIMIT_FLOOR_RATIO:
            missed.append(f"{kind}: {ratio:.2f}× the floor > {LIMIT_FLOOR_RATIO}×")
        if versus_pandas <= 1:
            missed.append(f"{kind}: not faster than pandas")
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
