"""The database keeps the audit log whole: no DELETE, no TRUNCATE, and its own clock.

Migration 0002 refuses UPDATE. This one, on SQLite and PostgreSQL:

- refuses DELETE of an event (and TRUNCATE of the table, on PostgreSQL);
- makes each event's time the database's: the column defaults to the database's clock, and an
  INSERT that gives another time is overridden (PostgreSQL) or refused (SQLite, whose triggers
  cannot change the row being inserted);
- re-creates 0002's UPDATE trigger on SQLite, where changing the column's default rebuilds the
  table (and drops its triggers).

Test databases are emptied between transactional tests; the test suite drops these triggers for
the length of that flush only (tests/audit_triggers.py), so the product never needs a way round.
"""

from __future__ import annotations

import django.db.models.functions.datetime
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# (name, create, drop) per database; the test suite's flush uses these lists too.
TRIGGERS: dict[str, list[tuple[str, str, str]]] = {
    "sqlite": [
        (
            "audit_auditevent_append_only",
            """CREATE TRIGGER IF NOT EXISTS audit_auditevent_append_only
BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;""",
            "DROP TRIGGER IF EXISTS audit_auditevent_append_only;",
        ),
        (
            "audit_auditevent_no_delete",
            """CREATE TRIGGER audit_auditevent_no_delete
BEFORE DELETE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be deleted');
END;""",
            "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
        ),
        (
            "audit_auditevent_database_time",
            # Within five seconds of the database's clock, or refused (and an unreadable time too).
            """CREATE TRIGGER audit_auditevent_database_time
BEFORE INSERT ON audit_auditevent
WHEN coalesce(abs(julianday(NEW.at) - julianday('now')) * 86400.0 > 5.0, 1)
BEGIN
    SELECT RAISE(ABORT, 'an audit event''s time is the database''s own');
END;""",
            "DROP TRIGGER IF EXISTS audit_auditevent_database_time;",
        ),
    ],
    "postgresql": [
        (
            "audit_auditevent_no_delete",
            """CREATE TRIGGER audit_auditevent_no_delete
BEFORE DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();""",
            "DROP TRIGGER IF EXISTS audit_auditevent_no_delete ON audit_auditevent;",
        ),
        (
            "audit_auditevent_no_truncate",
            """CREATE TRIGGER audit_auditevent_no_truncate
BEFORE TRUNCATE ON audit_auditevent
FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();""",
            "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;",
        ),
        (
            "audit_auditevent_database_time",
            """CREATE OR REPLACE FUNCTION audit_auditevent_database_time() RETURNS trigger AS $$
BEGIN
    NEW.at := statement_timestamp();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_database_time
BEFORE INSERT ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_auditevent_database_time();""",
            "DROP TRIGGER IF EXISTS audit_auditevent_database_time ON audit_auditevent;",
        ),
    ],
}


def _up(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for _name, create, _drop in TRIGGERS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(create)


def _down(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for _name, _create, drop in TRIGGERS.get(schema_editor.connection.vendor, []):
        if "append_only" not in drop:  # 0002's trigger stays with 0002
            schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alter_auditevent_action")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(),
                db_index=True,
                editable=False,
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("login", "Signed in"),
                    ("login_failed", "Failed sign-in"),
                    ("login_locked_out", "Sign-in locked out after repeated failures"),
                    ("logout", "Signed out"),
                    ("user_created", "User created"),
                    ("password_set", "Password set"),
                    ("framework_loaded", "Framework loaded"),
                    ("report_imported", "Published report imported"),
                    ("report_updated", "Published report updated"),
                    ("report_unchanged", "Published report re-imported unchanged"),
                    ("report_rejected", "Published report rejected"),
                    ("dataset_exported", "Published dataset exported"),
                    ("ratings_calculated", "Ratings calculated"),
                    ("demo_seeded", "Demo workspace seeded"),
                    ("roles_changed", "Roles (groups) of a user changed"),
                    ("permissions_changed", "Permissions of a user changed"),
                    ("group_permissions_changed", "Permissions of a role changed"),
                    ("group_changed", "Role (group) created or deleted"),
                    ("account_changed", "Account status changed"),
                    ("user_deleted", "User deleted"),
                    ("lockout_reset", "Sign-in lockout cleared"),
                    ("upload_refused", "Upload refused"),
                    ("two_factor_enabled", "Two-factor sign-in turned on"),
                    ("two_factor_disabled", "Two-factor sign-in turned off"),
                    ("two_factor_failed", "Wrong two-factor code"),
                    ("recovery_codes_created", "Recovery codes created"),
                    ("recovery_code_used", "Signed in with a recovery code"),
                    ("database_backed_up", "Database backed up"),
                    ("database_restored", "Database restored from a backup"),
                ],
                db_index=True,
                max_length=32,
            ),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "base_manager_name": "objects",
                "ordering": ["-at", "-id"],
                "verbose_name": "audit event",
            },
        ),
        migrations.RunPython(_up, _down),
    ]
