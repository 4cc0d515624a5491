"""Live results of a 250-case inspection on gunicorn: the page and GET /api/inspections/{id}/ratings.

Target (issue 10): median under 100 ms each. The server is `make serve`'s gunicorn (DEBUG off,
SQLite in WAL mode) on a loopback port, in its own processes; the requests come from this one,
one at a time, signed in as the lead. A baseline measured in the same run is a signed-in request
that does no results work (GET /api/frameworks), so the ratios show what the results cost over
the framework's request handling.

    uv run python benchmarks/results_live.py [--requests 40] [--port 8765]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SIZES = {"case_supervision": 160, "unpaid_work": 70, "through_the_gate": 20}  # 250 cases
ROWS = 8000


def build(var: Path) -> tuple[int, str]:
    """A fieldwork inspection with every case submitted and every question answered; returns
    its id and the lead's session cookie."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from sufficiency.sampling.synthetic import write_synthetic_caseload
    from sufficiency.web.accounts.services import Role, create_or_reset_user
    from sufficiency.web.assessments.assignment import assign_balanced
    from sufficiency.web.assessments.models import Answer, CaseAssessment, QuestionKind
    from sufficiency.web.assessments.questions import applicable_questions
    from sufficiency.web.frameworks import services as framework_services
    from sufficiency.web.inspections.caseloads import caseload_ldus, choose_ldus, upload_caseload
    from sufficiency.web.inspections.lifecycle import create_inspection, start_fieldwork
    from sufficiency.web.inspections.models import InspectionKind
    from sufficiency.web.inspections.sampling import SizeOverride, draw_samples
    from sufficiency.web.providers.models import Provider, ProviderKind

    call_command("migrate", verbosity=0)
    (outcome,) = framework_services.load_builtin()
    lead, _ = create_or_reset_user("bench-lead", Role.LEAD_INSPECTOR)
    team = [create_or_reset_user(f"bench-insp-{i}", Role.INSPECTOR)[0] for i in range(3)]
    provider = Provider.objects.create(name="Benchmoor CRC", kind=ProviderKind.CRC)
    inspection = create_inspection(
        provider=provider,
        kind=InspectionKind.INSPECTION,
        framework=outcome.version,
        reference_date=dt.date(2020, 1, 6),
        lead=lead,
        inspectors=team,
        actor=lead,
    )
    caseload = var / "caseload.csv"
    write_synthetic_caseload(caseload, ROWS, 7)
    upload_caseload(inspection, caseload.read_bytes(), "caseload.csv", actor=lead)
    choose_ldus(inspection, [name for name, _ in caseload_ldus(inspection)], actor=lead)
    overrides = {s: SizeOverride(n, "benchmark") for s, n in SIZES.items()}
    draw_samples(inspection, seed=5, overrides=overrides, actor=lead)
    assign_balanced(inspection, actor=lead)
    start_fieldwork(inspection, actor=lead)
    framework = framework_services.framework_of(outcome.version)
    cases = CaseAssessment.objects.filter(inspection=inspection).select_related(
        "sampled_case__sample"
    )
    rows = []
    judgements = ("yes", "yes", "no", "n/a")
    for n, case in enumerate(cases):
        rosh = n % 3 == 0
        for i, q in enumerate(
            applicable_questions(framework, case.sampled_case.sample.sample_type, rosh)
        ):
            kind = (
                QuestionKind.KEY_QUESTION
                if q.kind == QuestionKind.KEY_QUESTION
                else QuestionKind.PROMPT
            )
            rows.append(
                Answer(case=case, question_id=q.id, kind=kind, judgement=judgements[(n + i) % 4])
            )
        case.rosh_relevant = rosh
    Answer.objects.bulk_create(rows)
    CaseAssessment.objects.bulk_update(list(cases), ["rosh_relevant"])
    cases.update(status="submitted")  # benchmark set-up: the workflow's own tests cover submit
    client = Client()
    client.force_login(lead)
    print(f"inspection: {cases.count()} cases, {len(rows)} answers", flush=True)
    return inspection.pk, client.cookies["sessionid"].value


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, cookie: str) -> float:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        assert response.status == 200, response.status
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        var = Path(folder)
        env = os.environ | {
            "SUFFICIENCY_VAR_DIR": str(var),
            "SUFFICIENCY_BEHIND_PLAIN_HTTP": "1",
            "DJANGO_SETTINGS_MODULE": "sufficiency.web.settings",
        }
        env.pop("DATABASE_URL", None)
        os.environ.update(env)
        inspection, cookie = build(var)
        port = args.port or free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:sufficiency.web.gunicorn_conf"],
            env=env | {"SUFFICIENCY_BIND": f"127.0.0.1:{port}", "SUFFICIENCY_WORKERS": "2"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    fetch(f"{base}/api/frameworks", cookie)
                    break
                except OSError:
                    time.sleep(0.2)
            paths = {
                "baseline: GET /api/frameworks": "/api/frameworks",
                "live results page": f"/inspections/{inspection}/results/",
                "GET /api/inspections/{id}/ratings": f"/api/inspections/{inspection}/ratings",
            }
            times: dict[str, list[float]] = {name: [] for name in paths}
            for _ in range(3):  # warm each worker
                for path in paths.values():
                    fetch(base + path, cookie)
            for _ in range(args.requests):  # interleaved, so load drifts hit all alike
                for name, path in paths.items():
                    times[name].append(fetch(base + path, cookie))
        finally:
            server.terminate()
            server.wait(timeout=30)
    baseline = statistics.median(times["baseline: GET /api/frameworks"])
    print(f"{args.requests} requests each, gunicorn with 2 workers, SQLite (WAL)")
    for name, found in times.items():
        median = statistics.median(found)
        p90 = statistics.quantiles(found, n=10)[-1]
        print(
            f"{name:40} median {median * 1000:6.1f} ms  p90 {p90 * 1000:6.1f} ms  ×{median / baseline:.1f}"
        )


if __name__ == "__main__":
    main()
