"""The inspection's web requests one at a time on gunicorn: saving an answer, opening a case page
(issue 8: median under 50 ms each) and live results (issue 10: the page and
GET /api/inspections/{id}/ratings, median under 100 ms each), for a 250-case inspection.

    uv run python benchmarks/inspection_pages.py [--requests 40] [--database sqlite|postgres] [--check]

The inspection is built through the product's services (``inspection_world.py build``: caseload,
draw, assignment, every answer saved by its inspector through ``save_case``), in a temporary
``var/`` (SQLite in WAL mode) or a fresh PostgreSQL database ``bench_suff_…`` dropped afterwards.
The server is `make serve`'s gunicorn (its configuration module, DEBUG off, its default worker
count) on a loopback port; the requests come from this process, one at a time, interleaved with
the baseline so that the shared machine's load drifts hit them alike. The baseline is GET
/health/ on the same server (Django's whole middleware stack and one database query).

Part 1, while the cases are drafts (as inspectors find them in fieldwork):
- opening a case page, signed in (session cookie) as its inspector;
- saving one answer through the API: PATCH /api/inspections/{id}/cases/{case} with a Bearer
  token, a key question's judgement changed from the version the client holds;
- saving one answer through the page, as its script does it (POST of the one changed field with
  ``autosave=1``, a CSRF token, JSON back).
Each save changes a value, so each is a real write (the version goes up; an audit event).

Part 2, after every case is submitted (``submit_case``), so that all 250 count: the live results
page and GET /api/inspections/{id}/ratings, signed in as the lead.

``--check`` exits 1 if a median misses its target.
"""

from __future__ import annotations

import argparse
import itertools
import json
import secrets
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inspection_world as world_  # beside this script

TARGETS_MS = {
    "case page (GET)": 50.0,
    "save one answer: API PATCH": 50.0,
    "save one answer: page autosave POST": 50.0,
    "live results page": 100.0,
    "GET /api/inspections/{id}/ratings": 100.0,
}
FLIP = {"yes": "no", "no": "yes", "n/a": "yes"}


def request(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> tuple[float, bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            content = response.read()
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"{method} {url}: {exc.code} {exc.read()[:500]!r}") from None
    return time.perf_counter() - start, content


class Inspector:
    """One inspector's client: their session and token, and what they know of their cases."""

    def __init__(self, base: str, inspection: int, person: dict[str, Any]) -> None:
        self.base = base
        self.inspection = inspection
        self.csrf = secrets.token_hex(16)  # 32 characters: Django's CSRF secret length
        self.cookie = f"sessionid={person['session']}; csrftoken={self.csrf}"
        self.token = person["token"]
        self.cases = [c for c in person["cases"] if c["status"] == "draft"]
        self.turn = itertools.count()

    def _case(self) -> dict[str, Any]:
        return self.cases[next(self.turn) % len(self.cases)]

    def open_case(self) -> float:
        case = self._case()
        url = f"{self.base}/inspections/{self.inspection}/cases/{case['id']}/"
        elapsed, _ = request(url, headers={"Cookie": self.cookie})
        return elapsed

    def save_api(self) -> float:
        case = self._case()
        qid = case["key_questions"][case["version"] % len(case["key_questions"])]
        value = FLIP[case["answers"][qid]]
        body = json.dumps({"version": case["version"], "answers": {qid: value}}).encode()
        elapsed, content = request(
            f"{self.base}/api/inspections/{self.inspection}/cases/{case['id']}",
            method="PATCH",
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            body=body,
        )
        case["version"] = json.loads(content)["version"]
        case["answers"][qid] = value
        return elapsed

    def save_page(self) -> float:
        case = self._case()
        questions = case["prompts"] + case["key_questions"]
        qid = questions[case["version"] % len(questions)]
        value = FLIP[case["answers"][qid]]
        form = {
            "csrfmiddlewaretoken": self.csrf,
            "autosave": "1",
            "version": str(case["version"]),
            f"answer-{qid}": value,
        }
        elapsed, content = request(
            f"{self.base}/inspections/{self.inspection}/cases/{case['id']}/",
            method="POST",
            headers={
                "Cookie": self.cookie,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=urllib.parse.urlencode(form).encode(),
        )
        case["version"] = json.loads(content)["version"]
        case["answers"][qid] = value
        return elapsed


def timed(
    probes: dict[str, Callable[[], float]], requests: int, warm: int = 5
) -> dict[str, list[float]]:
    for _ in range(warm):  # every worker imports and connects before the timing starts
        for probe in probes.values():
            probe()
    times: dict[str, list[float]] = {name: [] for name in probes}
    for _ in range(requests):
        for name, probe in probes.items():
            times[name].append(probe())
    return times


def report(title: str, times: dict[str, list[float]]) -> list[str]:
    base = statistics.median(times["baseline: GET /health/"])
    print(f"\n{title} (load average {world_.load_average()})")
    print(f"{'request':40} {'median':>9} {'p90':>9} {'× baseline':>11}  target")
    misses = []
    for name, found in times.items():
        median = statistics.median(found)
        p90 = statistics.quantiles(found, n=10)[-1]
        target = TARGETS_MS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"< {target:.0f} ms " + ("met" if median * 1000 < target else "MISSED")
            if median * 1000 >= target:
                misses.append(name)
        print(
            f"{name:40} {median * 1000:6.1f} ms {p90 * 1000:6.1f} ms {median / base:10.1f}×  {verdict}"
        )
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="timed requests of each kind")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: serve's)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a median misses")
    args = parser.parse_args()
    print(f"load average at the start: {world_.load_average()}")
    with world_.temporary_var() as folder, world_.database(args.database) as url:
        var = Path(folder)
        env = world_.environment(var, url)
        world_file = var / "world.json"
        world_.step(env, "build", "--out", str(world_file), "--inspectors", "3")
        world = json.loads(world_file.read_text(encoding="utf-8"))
        inspection = world["inspection"]
        with world_.gunicorn(env, args.workers or None) as base:
            health = lambda: request(base + "/health/")[0]  # noqa: E731
            inspectors = [Inspector(base, inspection, p) for p in world["inspectors"]]
            one = inspectors[0]
            misses = report(
                f"Part 1: {world['cases']} draft cases, {args.requests} requests each, "
                f"{args.database}",
                timed(
                    {
                        "baseline: GET /health/": health,
                        "case page (GET)": one.open_case,
                        "save one answer: API PATCH": one.save_api,
                        "save one answer: page autosave POST": one.save_page,
                    },
                    args.requests,
                ),
            )
            world_.step(env, "submit", "--world", str(world_file))
            lead = {"Cookie": f"sessionid={world['lead']['session']}"}
            results = f"{base}/inspections/{inspection}/results/"
            ratings = f"{base}/api/inspections/{inspection}/ratings"
            misses += report(
                f"Part 2: {world['cases']} submitted cases, {args.requests} requests each, "
                f"{args.database}",
                timed(
                    {
                        "baseline: GET /health/": health,
                        "live results page": lambda: request(results, headers=lead)[0],
                        "GET /api/inspections/{id}/ratings": lambda: request(ratings, headers=lead)[
                            0
                        ],
                    },
                    args.requests,
                ),
            )
    if misses:
        print(f"\nmissed: {', '.join(misses)}")
        if args.check:
            sys.exit(1)


if __name__ == "__main__":
    main()
