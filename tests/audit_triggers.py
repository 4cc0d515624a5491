"""Let the test suite empty the audit table between transactional tests, and only then.

The database refuses to delete audit events (audit migration 0004). pytest-django empties the test
database after each transactional test (the browser tests) with Django's ``flush`` command, which
on SQLite deletes every row (on PostgreSQL it truncates). ``allow_test_flush`` wraps that one
command's SQL so the guard triggers are dropped just before and re-created just after, inside the
flush's own transaction. Nothing in the product can do this.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.commands import flush

_guards = importlib.import_module("sufficiency.web.audit.migrations.0004_database_guards")


def _wrapped(original: Any) -> Any:
    def sql_flush(style: Any, connection: Any, *args: Any, **kwargs: Any) -> list[str]:
        statements: list[str] = original(style, connection, *args, **kwargs)
        triggers = _guards.TRIGGERS.get(connection.vendor, [])
        drops = [drop for _name, _create, drop in triggers]
        creates = [create for _name, create, _drop in triggers]
        return [*drops, *statements, *creates]

    sql_flush.wrapped_for_audit = True  # type: ignore[attr-defined]
    return sql_flush


def allow_test_flush() -> None:
    if not getattr(flush.sql_flush, "wrapped_for_audit", False):
        flush.sql_flush = _wrapped(flush.sql_flush)
