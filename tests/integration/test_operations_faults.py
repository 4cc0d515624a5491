"""Faults: while the database is down the service answers a GOV.UK 503 page, never a traceback,
and recovers by itself when the database returns; an import killed half-way leaves nothing.

The PostgreSQL tests run the real server (gunicorn, DEBUG off) in a subprocess, reaching the test
database through a TCP relay the test can cut and restore: the machine's PostgreSQL itself is
never stopped (others use it). `make test` runs them in its PostgreSQL pass.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import OperationalError, connection, connections
from django.test import Client

from published_builders import Spec, build
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.published.models import PublishedReport

pytestmark = pytest.mark.django_db(transaction=True)  # the server subprocess reads committed rows

UNAVAILABLE = "Sorry, the service is unavailable"


def needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs against PostgreSQL (make test's second pass, with DATABASE_URL)")


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Relay:
    """A TCP relay from a local port to PostgreSQL that can be cut (refusing connections and
    dropping those open, as a database that went down) and restored on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener is not None:
            with suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            self.listener.close()
            self.listener = None
        with self.lock:
            for sock in self.open:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(self.target)
            with self.lock:
                self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def database_url(port: int) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@127.0.0.1:{port}/{db['NAME']}"


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.pop("SUFFICIENCY_TESTING", None)
    env.update(
        SUFFICIENCY_SECRET_KEY=settings.SECRET_KEY,  # so the server reads the test's sessions
        SUFFICIENCY_VAR_DIR=str(tmp_path / "var"),
        SUFFICIENCY_BEHIND_PLAIN_HTTP="1",
        **extra,
    )
    return env


def fetch(url: str, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def relay() -> Iterator[Relay]:
    db = connection.settings_dict
    relay = Relay((str(db["HOST"] or "127.0.0.1"), int(db["PORT"] or 5432)))
    relay.up()
    yield relay
    relay.down()


@pytest.fixture
def server(relay: Relay, tmp_path: Path) -> Iterator[str]:
    """gunicorn, DEBUG off, one worker, its database reached through the relay."""
    needs_postgres()
    port = free_port()
    env = subprocess_env(
        tmp_path,
        DATABASE_URL=database_url(relay.port),
        SUFFICIENCY_BIND=f"127.0.0.1:{port}",
        SUFFICIENCY_WORKERS="1",
    )
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:sufficiency.web.gunicorn_conf"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with suppress(OSError):
            if fetch(base + "/health/")[0] == 200:
                break
        assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
        time.sleep(0.3)
    else:
        pytest.fail("the server did not start:\n" + (tmp_path / "gunicorn.log").read_text())
    yield base
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


def signed_in_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_while_the_database_is_down_pages_are_a_govuk_503_and_it_recovers_by_itself(
    relay: Relay, server: str, tmp_path: Path
) -> None:
    user = User.objects.create_user("fen-ward", password="not-used-here-1")
    cookie = signed_in_cookie(user)
    status, page = fetch(server + "/home/", cookie)
    assert status == 200 and "fen-ward" in page

    relay.down()
    for path in ("/home/", "/published/", "/frameworks/"):
        status, page = fetch(server + path, cookie)
        assert status == 503, (path, status)
        assert UNAVAILABLE in page and "govuk-frontend.min.css" in page
        assert "Traceback" not in page and "OperationalError" not in page
    assert fetch(server + "/health/")[0] == 503

    relay.up()
    status, page = fetch(server + "/home/", cookie)  # no restart, no waiting
    assert status == 200 and "fen-ward" in page
    assert fetch(server + "/health/")[0] == 200
    assert "Traceback" in (tmp_path / "gunicorn.log").read_text()  # logged, for the operators


def test_a_database_error_gets_the_503_page_on_sqlite_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same handler on whichever database: a connection that fails is a 503, not a 500."""
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.create_user("fen-marsh"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "ensure_connection", refuse)
    response = client.get("/home/")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert UNAVAILABLE in response.content.decode()
    api = client.get("/api/docs")
    assert api.status_code == 503 and api.json() == {
        "detail": "The service is unavailable. Try again later."
    }
    monkeypatch.undo()
    assert client.get("/home/").status_code == 200


def test_an_import_killed_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    """The import is stopped inside its transaction (the report row written, its audit event
    not yet) and killed there: neither is stored. Run again, it stores both."""
    needs_postgres()
    report = tmp_path / "fenmarsh.txt"
    report.write_text(build(Spec(area="Fenmarsh and Westvale")), encoding="utf-8")
    command = [
        str(Path(sys.executable).with_name("sufficiency")),
        "published",
        "import",
        str(report),
    ]
    env = subprocess_env(
        tmp_path, DATABASE_URL=database_url(int(connection.settings_dict["PORT"] or 5432))
    )
    params = {
        k: v
        for k, v in {
            "host": connection.settings_dict["HOST"] or "127.0.0.1",
            "port": connection.settings_dict["PORT"] or 5432,
            "user": connection.settings_dict["USER"],
            "password": connection.settings_dict["PASSWORD"],
            "dbname": connection.settings_dict["NAME"],
        }.items()
        if v
    }
    with psycopg.connect(**params) as blocker:
        # Every audit event waits while this lock is held: the import stops half-way through.
        blocker.execute("LOCK TABLE audit_auditevent IN SHARE MODE")
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        waiting = None
        deadline = time.monotonic() + 60
        while waiting is None and time.monotonic() < deadline:
            waiting = blocker.execute(
                "SELECT pid FROM pg_locks WHERE relation = 'audit_auditevent'::regclass "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND NOT granted"
            ).fetchone()
            assert process.poll() is None, process.stdout and process.stdout.read()
            time.sleep(0.1)
        assert waiting is not None, "the import never reached its audit event"
        (pid,) = waiting
        wrote_report = blocker.execute(
            "SELECT 1 FROM pg_locks WHERE pid = %s AND granted "
            "AND relation = 'published_publishedreport'::regclass AND mode = 'RowExclusiveLock'",
            (pid,),
        ).fetchone()
        assert wrote_report, "the import was not half-way: it had not written the report"
        process.kill()
        process.wait(timeout=30)
        blocker.rollback()  # the lock goes; the killed import's backend finds its client gone
        blocker.autocommit = True  # each look at pg_stat_activity a fresh one
        for _ in range(300):
            if not blocker.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)
            ).fetchone():
                break
            time.sleep(0.1)
        else:
            pytest.fail("the killed import's database session never ended")

    assert not PublishedReport.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.REPORT_IMPORTED).exists()

    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert PublishedReport.objects.get().provider.startswith("Fenmarsh and Westvale")
    assert AuditEvent.objects.filter(action=Action.REPORT_IMPORTED).count() == 1
