"""A clean install: `make install` in a fresh clone puts every package in that clone's `.venv`
and nothing in the machine's Python, and two clones side by side each run their own code against
their own `var/` (the working directory's, or SUFFICIENCY_VAR_DIR).

Slow (a whole `make install` into a new virtual environment), but cheap enough for `make test`:
uv installs from its cache, which the checkout's own `make install` has filled.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.install

# Where a Python file reports it came from and which database file it uses.
PROBE = (
    "import json, sufficiency; from django.conf import settings; "
    "from django.db import connection; connection.ensure_connection(); "
    "print(json.dumps({'package': sufficiency.__file__, "
    "'database': str(settings.DATABASES['default']['NAME'])}))"
)


def machine_env() -> dict[str, str]:
    """The environment of someone at the machine: not inside this checkout's virtualenv."""
    venv_bin = str(REPO / ".venv" / "bin")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "DATABASE_URL", "SUFFICIENCY_VAR_DIR", "DJANGO_SETTINGS_MODULE"}
        and not k.startswith(("PYTEST", "SUFFICIENCY_TEST"))
    }
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    return env


def machine_packages() -> tuple[list[dict[str, str]], dict[str, int]]:
    """The machine Python's package list, and when each package's record was written (a package
    reinstalled at the same version leaves the list as it was, but not its record)."""
    env = machine_env()
    listed = subprocess.run(
        ["python3", "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    where = subprocess.run(
        ["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    records = {
        entry.name: entry.stat().st_mtime_ns
        for entry in Path(where).iterdir()
        if entry.name.endswith(".dist-info")
    }
    return sorted(json.loads(listed), key=lambda p: p["name"].lower()), records


def probe(clone: Path, cwd: Path, **env: str) -> dict[str, str]:
    done = subprocess.run(
        [str(clone / ".venv" / "bin" / "sufficiency-admin"), "shell", "-c", PROBE],
        cwd=cwd,
        env={**machine_env(), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of this repository's committed state, after `make install`."""
    target = tmp_path_factory.mktemp("install") / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    before = machine_packages()
    done = subprocess.run(
        ["make", "--no-print-directory", "install"],
        cwd=target,
        env=machine_env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert machine_packages() == before, "make install changed the machine's Python packages"
    return target


def test_make_install_leaves_the_machines_python_alone_and_fills_the_clones_venv(
    clone: Path,
) -> None:
    venv_python = clone / ".venv" / "bin" / "python"
    listed = subprocess.run(
        [str(venv_python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {p["name"].lower() for p in json.loads(listed)}
    assert {"django", "sufficiency", "gunicorn", "django-otp", "uv"} <= names


def test_two_clones_each_run_their_own_code_against_their_own_var(
    clone: Path, tmp_path: Path
) -> None:
    this_database = REPO / "var" / "sufficiency.sqlite3"
    before = this_database.stat().st_mtime_ns if this_database.exists() else None

    theirs = probe(clone, cwd=clone)
    assert Path(theirs["package"]).is_relative_to(clone / "src")
    assert Path(theirs["database"]) == clone / "var" / "sufficiency.sqlite3"
    assert (clone / "var" / "sufficiency.sqlite3").exists()

    ours = probe(REPO, cwd=REPO)
    assert Path(ours["package"]).is_relative_to(REPO / "src")
    assert Path(ours["database"]) == this_database

    # The working directory's var/, not the one beside the installed package...
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert (
        Path(probe(clone, cwd=elsewhere)["database"]) == elsewhere / "var" / "sufficiency.sqlite3"
    )
    # ...or the one SUFFICIENCY_VAR_DIR names.
    chosen = tmp_path / "chosen"
    found = probe(clone, cwd=elsewhere, SUFFICIENCY_VAR_DIR=str(chosen))
    assert Path(found["database"]) == chosen / "sufficiency.sqlite3"
    assert (chosen / "sufficiency.sqlite3").exists()

    after = this_database.stat().st_mtime_ns if this_database.exists() else None
    assert (before is None) or (after == before), "the other clone wrote this checkout's database"
