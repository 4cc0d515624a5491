"""Nothing can delete an audit event or give it a time of its choosing, in the ORM or in SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from sufficiency.web.audit.models import Action, AppendOnlyError, AuditEvent
from sufficiency.web.audit.services import record

pytestmark = pytest.mark.django_db


def _event() -> AuditEvent:
    return record(None, Action.DEMO_SEEDED, None, {}, object_repr="Demo")


def test_the_base_manager_cannot_delete_events() -> None:
    event = _event()
    with pytest.raises(AppendOnlyError):
        AuditEvent._base_manager.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_raw_delete_through_the_orm_is_refused() -> None:
    event = _event()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias)
    with pytest.raises(AppendOnlyError):
        AuditEvent._base_manager.filter(pk=event.pk)._raw_delete(connection.alias)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_delete_behind_the_orms_back() -> None:
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_the_database_refuses_to_truncate_the_log() -> None:
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent CASCADE")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _near_now(event_time: object) -> bool:
    assert isinstance(event_time, type(timezone.now()))
    return abs(timezone.now() - event_time) < timedelta(minutes=1)


def test_an_event_time_is_the_databases_own() -> None:
    event = _event()
    assert _near_now(AuditEvent.objects.get(pk=event.pk).at)
    assert _near_now(event.at)  # read back from the database as the row is inserted


def test_a_back_dated_insert_through_the_orm_does_not_stand() -> None:
    back = timezone.now() - timedelta(days=400)
    try:
        with transaction.atomic():
            AuditEvent.objects.create(action=Action.DEMO_SEEDED, at=back, object_repr="Back")
    except DatabaseError:
        pass  # refused (SQLite)
    stored = AuditEvent.objects.filter(object_repr="Back")
    assert all(_near_now(event.at) for event in stored)  # or re-timed (PostgreSQL)
    assert stored.exists() == (connection.vendor == "postgresql")


def test_a_back_dated_insert_in_sql_does_not_stand() -> None:
    back = timezone.now() - timedelta(days=400)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO audit_auditevent (at, actor_name, action, object_type, object_id,"
                " object_repr, detail) VALUES (%s, '', 'demo_seeded', '', '', 'Back', '{}')",
                [back if connection.vendor == "postgresql" else back.strftime("%Y-%m-%d %H:%M:%S")],
            )
    except DatabaseError:
        pass  # refused (SQLite)
    stored = AuditEvent.objects.filter(object_repr="Back")
    assert all(_near_now(event.at) for event in stored)  # or re-timed (PostgreSQL)
    assert stored.exists() == (connection.vendor == "postgresql")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and grants are PostgreSQL's")
def test_the_services_role_may_only_insert_and_read_audit_events() -> None:
    import io
    import secrets

    from django.core.management import call_command

    event = _event()
    role = f"suff_app_{secrets.token_hex(4)}"  # rolled back with the test's transaction
    out = io.StringIO()
    call_command("audit_grants", role, stdout=out)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role}")
        for statement in out.getvalue().splitlines():
            cursor.execute(statement)
        cursor.execute(f"SET ROLE {role}")
        try:
            cursor.execute("SELECT count(*) FROM audit_auditevent")
            cursor.execute(
                "INSERT INTO audit_auditevent (actor_name, action, object_type, object_id,"
                " object_repr, detail) VALUES ('', 'demo_seeded', '', '', 'As app', '{}')"
            )
            for refused in (
                f"UPDATE audit_auditevent SET object_repr = 'x' WHERE id = {event.pk}",
                f"DELETE FROM audit_auditevent WHERE id = {event.pk}",
                "TRUNCATE audit_auditevent",
                "DROP TRIGGER audit_auditevent_no_delete ON audit_auditevent",
            ):
                with (
                    pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
                    transaction.atomic(),
                ):
                    cursor.execute(refused)
        finally:
            cursor.execute("RESET ROLE")
    assert AuditEvent.objects.filter(object_repr="As app").exists()
