"""gunicorn's settings for `make serve`: ``gunicorn -c python:sufficiency.web.gunicorn_conf``.

- ``SUFFICIENCY_BIND``: address and port (default ``127.0.0.1:8000``; TLS is the reverse proxy's).
- ``SUFFICIENCY_WORKERS``: worker processes (default: two per core, plus one).
"""

from __future__ import annotations

import os

from sufficiency.web.server import var_dir


def default_workers(cores: int | None) -> int:
    """gunicorn's advice: (2 × cores) + 1 workers, for request handlers that mostly wait."""
    return 2 * (cores or 1) + 1


wsgi_app = "sufficiency.web.wsgi:application"
bind = [os.environ.get("SUFFICIENCY_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("SUFFICIENCY_WORKERS") or default_workers(os.cpu_count()))
timeout = 60
graceful_timeout = 30
# gunicorn's control socket in this installation's var/, not one per user shared by every server.
control_socket = str(var_dir() / "gunicorn.ctl")
accesslog = "-"
errorlog = "-"
# The reverse proxy in front sets X-Forwarded-*; only trust it from the addresses given.
forwarded_allow_ips = os.environ.get("SUFFICIENCY_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
