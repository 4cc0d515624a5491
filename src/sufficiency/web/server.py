"""What the settings need to run as a real server: a kept secret key and SQLite tuned for it.

Imported by the settings module, so it imports nothing of Django.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

SECRET_KEY_BYTES = 50


def var_dir() -> Path:
    """The data folder: ``SUFFICIENCY_VAR_DIR``, or the working directory's ``var/`` (the
    checkout's, for `make`), never the installed package's: two checkouts side by side each keep
    their own database, key and server socket even when one's package is on the path."""
    return Path(os.environ.get("SUFFICIENCY_VAR_DIR") or Path.cwd() / "var").resolve()


def secret_key_file(path: Path) -> str:
    """The secret key kept in ``path``, generated there (owner-only) the first time.

    Several gunicorn workers may start at once: the file is created exclusively, so exactly one
    of them writes it and the others read what it wrote.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(SECRET_KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key + "\n")
        return key
    for _ in range(50):  # another worker created it a moment ago and may still be writing
        kept = path.read_text(encoding="ascii").strip()
        if kept:
            return kept
        time.sleep(0.1)
    raise RuntimeError(f"the secret key file {path} is empty: delete it to generate a new one")


def sqlite_options(timeout_seconds: float) -> dict[str, Any]:
    """SQLite connection options for many processes sharing one file.

    WAL lets readers go on while one connection writes; a writer waits up to ``timeout_seconds``
    for another's lock instead of failing at once; ``IMMEDIATE`` takes the write lock when a
    transaction begins, so two transactions never deadlock upgrading a read lock.
    """
    return {
        "timeout": timeout_seconds,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
