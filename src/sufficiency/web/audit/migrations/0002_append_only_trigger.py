"""The database itself refuses to change an audit event (UPDATE), on SQLite and PostgreSQL.

DELETE is refused by the ORM only: test databases are emptied between tests, and on SQLite that
is done with DELETE.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

_SQLITE_UP = """
CREATE TRIGGER audit_auditevent_append_only
BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
"""
_POSTGRES_UP = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_append_only
BEFORE UPDATE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
"""
_DOWN = {
    "sqlite": "DROP TRIGGER IF EXISTS audit_auditevent_append_only;",
    "postgresql": (
        "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;"
        "DROP FUNCTION IF EXISTS audit_auditevent_append_only();"
    ),
}


def _up(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    sql = {"sqlite": _SQLITE_UP, "postgresql": _POSTGRES_UP}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def _down(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    sql = _DOWN.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(_up, _down)]
