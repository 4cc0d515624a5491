"""The real server's settings, as `make serve` starts them (DEBUG off, no secret key given): a key
generated once into var/ and kept, SQLite in WAL mode with a busy timeout, and gunicorn's workers
from the core count."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

from sufficiency.web.gunicorn_conf import default_workers
from sufficiency.web.server import secret_key_file

PROBE = (
    "import json; from django.conf import settings; from django.db import connection; "
    "c = connection.cursor(); "
    "print(json.dumps({'debug': settings.DEBUG, 'key': settings.SECRET_KEY, "
    "'journal': c.execute('PRAGMA journal_mode').fetchone()[0], "
    "'busy_ms': c.execute('PRAGMA busy_timeout').fetchone()[0]}))"
)


def served_settings(var_dir: Path) -> dict[str, object]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SUFFICIENCY_") and k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env["SUFFICIENCY_VAR_DIR"] = str(var_dir)
    admin = Path(sys.executable).with_name("sufficiency-admin")
    done = subprocess.run(
        [str(admin), "shell", "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_debug_off_without_a_key_generates_one_once_and_uses_sqlite_in_wal_mode(
    tmp_path: Path,
) -> None:
    first = served_settings(tmp_path / "var")
    key_file = tmp_path / "var" / "secret_key"
    assert first["debug"] is False
    assert first["key"] == key_file.read_text().strip() and len(str(first["key"])) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first["journal"] == "wal"
    assert first["busy_ms"] == 20_000
    second = served_settings(tmp_path / "var")
    assert second["key"] == first["key"]  # kept, so sessions survive a restart


def test_a_worker_starting_while_another_writes_the_key_waits_for_it(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    path.touch()  # created by the first worker, not yet written
    writer = threading.Timer(0.3, lambda: path.write_text("the-first-workers-key\n"))
    writer.start()
    assert secret_key_file(path) == "the-first-workers-key"
    writer.join()
    assert secret_key_file(tmp_path / "another") not in {"", "the-first-workers-key"}


def test_gunicorn_runs_two_workers_per_core_plus_one() -> None:
    assert default_workers(2) == 5
    assert default_workers(8) == 17
    assert default_workers(None) == 3  # the core count unknown: one core assumed
