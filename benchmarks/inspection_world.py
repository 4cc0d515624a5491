"""A stored inspection for the web benchmarks, built through the product's own services, and the
servers and databases they run against.

    python benchmarks/inspection_world.py build --out world.json [--inspectors 3] [--seed 5]
    python benchmarks/inspection_world.py submit --world world.json
    python benchmarks/inspection_world.py verify --world world.json --saved saved.json

``build``: an inspection in fieldwork of 250 cases (160 case supervision, 70 unpaid work, 20
Through the Gate, from a seeded synthetic caseload) made as its users would make it: provider,
``create_inspection``, ``upload_caseload``, ``choose_ldus``, ``draw_samples`` (sizes set, with a
reason), ``assign_balanced`` over the team, ``start_fieldwork``; then every case answered by its
own inspector through ``save_case`` (every applicable key question and prompt, judgements from a
seeded generator), and ``--submit-per-inspector`` of each inspector's cases submitted through
``submit_case``. It writes what the clients need: each person's session cookie and API token,
and each case's id, version, status, questions and answers.

``submit``: submit every case still in draft (``submit_case``), for the results' timing.

``verify``: compare the database with what the clients recorded as saved (a 200): each case's
version went up by exactly the number of its saves, each answer a client saved holds the last
value it saved, and the audit log has one "answers saved" event per save since the build.

The settings come from the environment (``SUFFICIENCY_VAR_DIR``, ``DATABASE_URL``), set by the
benchmark scripts, which run these steps as processes of their own. Synthetic data only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SIZES = {"case_supervision": 160, "unpaid_work": 70, "through_the_gate": 20}  # 250 cases
CASELOAD_ROWS = 8000
JUDGEMENTS = ("yes", "yes", "yes", "no", "n/a")  # mostly sufficient, as inspections find
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


# --- the environment the benchmarks run in (no Django here) ------------------------------------


def environment(var: Path, database_url: str | None) -> dict[str, str]:
    """The server's and the steps' environment: `make serve`'s settings (DEBUG off), plain HTTP
    on loopback, the data in ``var``, and the database (SQLite in ``var`` unless a URL)."""
    env = os.environ | {
        "SUFFICIENCY_VAR_DIR": str(var),
        "SUFFICIENCY_BEHIND_PLAIN_HTTP": "1",
        "DJANGO_SETTINGS_MODULE": "sufficiency.web.settings",
    }
    for name in ("DATABASE_URL", "SUFFICIENCY_DEBUG", "SUFFICIENCY_TESTING"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    # The GOV.UK assets `make assets` built into the checkout's var/ (the pages link them).
    assets = Path.cwd() / "var" / "assets"
    if assets.is_dir() and not (var / "assets").exists():
        shutil.copytree(assets, var / "assets")
    return env


def step(env: dict[str, str], *args: str) -> None:
    """Run one of this module's steps as a process of its own."""
    subprocess.run([sys.executable, __file__, *args], env=env, check=True)


@contextlib.contextmanager
def database(kind: str) -> Iterator[str | None]:
    """SQLite (None: the file in var/), or a fresh PostgreSQL database ``bench_suff_…`` on
    127.0.0.1, dropped afterwards."""
    if kind == "sqlite":
        yield None
        return
    import psycopg

    name = f"bench_suff_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int | None = None) -> Iterator[str]:
    """`make serve`'s gunicorn (its configuration module, DEBUG off) on a free loopback port;
    yields its base URL once /health/ answers, stops it afterwards."""
    port = free_port()
    server_env = env | {"SUFFICIENCY_BIND": f"127.0.0.1:{port}"}
    if workers:
        server_env["SUFFICIENCY_WORKERS"] = str(workers)
    else:
        server_env.pop("SUFFICIENCY_WORKERS", None)  # `make serve`'s default: 2 per core + 1
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:sufficiency.web.gunicorn_conf"],
        env=server_env,
        stdout=subprocess.DEVNULL,  # the access log
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/health/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer /health/ within a minute")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min)"


def temporary_var() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="suff-bench-")


# --- the steps (Django) ------------------------------------------------------------------------


def _setup() -> None:
    import django

    django.setup()


def build(out: Path, inspectors: int, seed: int, submit_per_inspector: int) -> None:
    _setup()
    from django.core.management import call_command
    from django.test import Client, override_settings

    from sufficiency.sampling.synthetic import write_synthetic_caseload
    from sufficiency.web.accounts.services import Role, create_or_reset_user
    from sufficiency.web.api.tokens import create_token
    from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
    from sufficiency.web.assessments.assignment import assign_balanced
    from sufficiency.web.assessments.models import CaseAssessment, QuestionKind
    from sufficiency.web.assessments.questions import applicable_questions, sample_questions
    from sufficiency.web.assessments.workflow import submit_case
    from sufficiency.web.audit.models import AuditEvent
    from sufficiency.web.frameworks import services as framework_services
    from sufficiency.web.inspections.caseloads import caseload_ldus, choose_ldus, upload_caseload
    from sufficiency.web.inspections.lifecycle import create_inspection, start_fieldwork
    from sufficiency.web.inspections.models import InspectionKind
    from sufficiency.web.inspections.sampling import SizeOverride, draw_samples
    from sufficiency.web.providers.models import Provider, ProviderKind

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    (outcome,) = framework_services.load_builtin()
    # Nobody signs in with a password here (sessions and tokens are made directly): a cheap hash
    # keeps 50 throwaway users from costing a minute of PBKDF2.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        lead, _ = create_or_reset_user("bench-lead", Role.LEAD_INSPECTOR)
        team = [
            create_or_reset_user(f"bench-inspector-{i:02d}", Role.INSPECTOR)[0]
            for i in range(inspectors)
        ]
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
    with tempfile.TemporaryDirectory() as folder:
        caseload = Path(folder) / "caseload.csv"
        write_synthetic_caseload(caseload, CASELOAD_ROWS, seed)
        upload_caseload(inspection, caseload.read_bytes(), "caseload.csv", actor=lead)
    choose_ldus(inspection, [name for name, _ in caseload_ldus(inspection)], actor=lead)
    overrides = {s: SizeOverride(n, "benchmark: a 250-case inspection") for s, n in SIZES.items()}
    draw_samples(inspection, seed=seed, overrides=overrides, actor=lead)
    assign_balanced(inspection, actor=lead)
    start_fieldwork(inspection, actor=lead)
    framework = framework_services.framework_of(outcome.version)

    rng = random.Random(seed)
    people: dict[int, dict[str, Any]] = {}
    for person in [lead, *team]:
        client = Client()
        client.force_login(person)
        _, token = create_token(person, "benchmark", actor=person)
        people[person.pk] = {
            "username": person.get_username(),
            "session": client.cookies["sessionid"].value,
            "token": token,
            "cases": [],
        }
    cases = list(
        CaseAssessment.objects.filter(inspection=inspection)
        .select_related("sampled_case__sample", "inspection__framework", "assigned_to")
        .order_by("assigned_to_id", "sampled_case__sample_id", "sampled_case__order")
    )
    submitted_by: dict[int, int] = {}
    answers_saved = 0
    for case in cases:
        sample_type = case.sampled_case.sample.sample_type
        rosh = rng.random() < 0.4
        answers = {
            q.id: rng.choice(JUDGEMENTS) for q in applicable_questions(framework, sample_type, rosh)
        }
        saved = save_case(
            case,
            CaseChanges(
                answers={qid: AnswerChange(j) for qid, j in answers.items()}, rosh_relevant=rosh
            ),
            version=case.version,
            actor=case.assigned_to,
        )
        answers_saved += len(answers)
        owner = case.assigned_to_id
        assert owner is not None
        if submitted_by.get(owner, 0) < submit_per_inspector:
            saved = submit_case(saved, actor=case.assigned_to)
            submitted_by[owner] = submitted_by.get(owner, 0) + 1
        questions = sample_questions(framework, sample_type)
        people[owner]["cases"].append(
            {
                "id": case.pk,
                "version": saved.version,
                "status": str(saved.status),
                "key_questions": [
                    q for q in answers if questions[q].kind == QuestionKind.KEY_QUESTION
                ],
                "prompts": [q for q in answers if questions[q].kind == QuestionKind.PROMPT],
                "answers": answers,
            }
        )
    world = {
        "inspection": inspection.pk,
        "lead": people.pop(lead.pk),
        "inspectors": list(people.values()),
        "cases": len(cases),
        "answers": answers_saved,
        "submitted": sum(submitted_by.values()),
        "audit_mark": AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }
    out.write_text(json.dumps(world), encoding="utf-8")
    print(
        f"built: inspection of {len(cases)} cases, {answers_saved} answers saved through "
        f"save_case, {world['submitted']} submitted, {inspectors} inspectors "
        f"({time.perf_counter() - started:.0f} s)",
        flush=True,
    )


def submit_all(world_file: Path) -> None:
    _setup()
    from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
    from sufficiency.web.assessments.workflow import submit_case

    world = json.loads(world_file.read_text(encoding="utf-8"))
    drafts = CaseAssessment.objects.filter(
        inspection_id=world["inspection"], status=CaseStatus.DRAFT
    ).select_related("assigned_to", "sampled_case__sample", "inspection__framework")
    count = 0
    for case in drafts:
        submit_case(case, actor=case.assigned_to)
        count += 1
    print(f"submitted {count} more cases", flush=True)


def verify(world_file: Path, saved_file: Path) -> bool:
    """Whether the database holds every save the clients got a 200 for, and nothing else."""
    _setup()
    from sufficiency.web.assessments.models import Answer, CaseAssessment
    from sufficiency.web.audit.models import Action, AuditEvent

    world = json.loads(world_file.read_text(encoding="utf-8"))
    saved: dict[str, dict[str, Any]] = json.loads(saved_file.read_text(encoding="utf-8"))
    before = {str(c["id"]): c["version"] for person in world["inspectors"] for c in person["cases"]}
    stored = dict(
        CaseAssessment.objects.filter(inspection_id=world["inspection"]).values_list(
            "pk", "version"
        )
    )
    wrong: list[str] = []
    saves = 0
    checked = 0
    for case_id, record in saved.items():
        saves += record["saves"]
        expected = before[case_id] + record["saves"]
        if stored[int(case_id)] != expected:
            wrong.append(f"case {case_id}: version {stored[int(case_id)]}, expected {expected}")
        answers = dict(
            Answer.objects.filter(
                case_id=int(case_id), question_id__in=list(record["answers"])
            ).values_list("question_id", "judgement")
        )
        for qid, judgement in record["answers"].items():
            checked += 1
            if answers.get(qid) != judgement:
                wrong.append(
                    f"case {case_id} {qid}: stored {answers.get(qid)!r}, saved {judgement!r}"
                )
    events = AuditEvent.objects.filter(
        pk__gt=world["audit_mark"] or 0, action=Action.ANSWERS_SAVED
    ).count()
    if events != saves:
        wrong.append(f"{events} 'answers saved' audit events for {saves} saves")
    lost = sum(1 for w in wrong if "stored" in w or "version" in w)
    print(
        json.dumps(
            {
                "saves_with_200": saves,
                "answers_checked": checked,
                "audit_events": events,
                "lost_or_wrong": lost,
                "problems": wrong[:20],
            }
        ),
        flush=True,
    )
    return not wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--inspectors", type=int, default=3)
    b.add_argument("--seed", type=int, default=5)
    b.add_argument("--submit-per-inspector", type=int, default=0)
    s = sub.add_parser("submit")
    s.add_argument("--world", type=Path, required=True)
    v = sub.add_parser("verify")
    v.add_argument("--world", type=Path, required=True)
    v.add_argument("--saved", type=Path, required=True)
    args = parser.parse_args()
    if args.step == "build":
        build(args.out, args.inspectors, args.seed, args.submit_per_inspector)
    elif args.step == "submit":
        submit_all(args.world)
    elif not verify(args.world, args.saved):
        sys.exit(1)


if __name__ == "__main__":
    main()
