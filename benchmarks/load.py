"""Load (issue 12): 50 simulated inspectors on gunicorn over loopback, then every saved answer
checked in the database.

    uv run python benchmarks/load.py [--users 50] [--duration 300] [--database sqlite|postgres]
                                     [--wait 2,6] [--check]

1. Builds a 250-case inspection with one inspector per simulated user (``inspection_world.py
   build``, through the product's services): 5 cases each, every case answered, 3 of each
   inspector's cases submitted (so the live results count 150 cases) and 2 left in draft for the
   saves. SQLite (WAL) in a temporary ``var/``, or a fresh PostgreSQL database ``bench_suff_…``
   on 127.0.0.1, dropped afterwards.
2. Serves it with `make serve`'s gunicorn (DEBUG off, its default workers) on a loopback port.
3. Runs locust's command line headless (``benchmarks/load_inspectors.py``): ``--users``
   simulated inspectors, all started within 10 s, for ``--duration`` seconds (locust stops by
   itself; the script waits at most the duration plus two minutes). Each waits ``--wait``
   seconds between actions and saves answers (API and page), opens cases, reads the live
   results and calls the baseline /health/, on their own cases only, so a 409 is a fault.
4. Verifies the database against what the clients recorded as saved (``inspection_world.py
   verify``): each case's version went up by its number of saves, each saved answer holds the
   last value saved, one audit event per save.

Prints requests per second, median, p95, p99 and failures per request kind and in all, each
median's ratio to the baseline's under the same load, and the load average before and after.
``--check`` exits 1 on a failed request, a lost answer or a p95 of 200 ms or more.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inspection_world as world_  # beside this script

HERE = Path(__file__).resolve().parent
P95_TARGET_MS = 200.0
BASELINE = "baseline: GET /health/"


def run_locust(env: dict[str, str], base: str, args: argparse.Namespace, out: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(HERE / "load_inspectors.py"),
        "--headless",
        "--host",
        base,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(max(1, args.users // 10)),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(out / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    locust_env = env | {
        "LOAD_WORLD": str(out / "world.json"),
        "LOAD_SAVED": str(out / "saved.json"),
        "LOAD_WAIT": args.wait,
    }
    done = subprocess.run(command, env=locust_env, timeout=args.duration + 120, check=False)
    return done.returncode


def summary(out: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    with (out / "locust_stats.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return [r for r in rows if r["Name"] != "Aggregated"], total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300, help="seconds of load")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--wait", default="2,6", help="seconds between a user's actions: MIN,MAX")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: serve's)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    if not 1 <= args.duration <= 3600 or not 1 <= args.users <= 500:
        parser.error("--duration is 1 to 3600 seconds and --users 1 to 500")
    print(f"load average before: {world_.load_average()}", flush=True)
    with world_.temporary_var() as folder, world_.database(args.database) as url:
        out = Path(folder)
        env = world_.environment(out, url)
        world_.step(
            env,
            "build",
            "--out",
            str(out / "world.json"),
            "--inspectors",
            str(args.users),
            "--submit-per-inspector",
            "3",
        )
        with world_.gunicorn(env, args.workers or None) as base:
            workers = args.workers or "serve's default"
            print(
                f"locust: {args.users} inspectors for {args.duration} s against {base} "
                f"(gunicorn, {workers} workers, {args.database})",
                flush=True,
            )
            code = run_locust(env, base, args, out)
            after = world_.load_average()
        rows, total = summary(out)
        failures_file = out / "locust_failures.csv"
        failure_lines = failures_file.read_text(encoding="utf-8") if failures_file.exists() else ""
        verified = subprocess.run(
            [
                sys.executable,
                str(HERE / "inspection_world.py"),
                "verify",
                "--world",
                str(out / "world.json"),
                "--saved",
                str(out / "saved.json"),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    check = json.loads(verified.stdout.strip().splitlines()[-1]) if verified.stdout else {}
    base_median = next((float(r["50%"]) for r in rows if r["Name"] == BASELINE), 0.0) or 1.0
    print(f"\nload average after: {after}; locust exit code {code}")
    print(
        f"{'request':38} {'count':>6} {'req/s':>6} {'median':>7} {'p95':>6} {'p99':>6} {'fail':>5} {'× base':>7}"
    )
    for row in [*rows, total]:
        print(
            f"{row['Name']:38} {row['Request Count']:>6} {float(row['Requests/s']):6.1f} "
            f"{row['50%']:>5}ms {row['95%']:>4}ms {row['99%']:>4}ms {row['Failure Count']:>5} "
            f"{float(row['50%']) / base_median:6.1f}×"
        )
    print(f"verify: {json.dumps(check)}")
    if verified.returncode != 0 and not check:
        print(verified.stderr[-2000:])
    failures = int(total["Failure Count"])
    lost = check.get("lost_or_wrong", -1)
    p95 = float(total["95%"])
    met = failures == 0 and lost == 0 and verified.returncode == 0 and p95 < P95_TARGET_MS
    print(
        f"targets: 0 errors ({failures}), 0 lost answers ({lost}), "
        f"p95 under {P95_TARGET_MS:.0f} ms ({p95:.0f} ms): {'met' if met else 'MISSED'}"
    )
    if failures:
        print(failure_lines[:2000])
    if args.check and not met:
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
