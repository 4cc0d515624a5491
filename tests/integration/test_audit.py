"""The audit log is append-only, in the ORM and in the database itself."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sufficiency.web.audit.models import Action, AppendOnlyError, AuditEvent
from sufficiency.web.audit.services import record

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_and_detail() -> None:
    event = record(None, Action.DEMO_SEEDED, None, {"seed": 7}, object_repr="Demo")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == Action.DEMO_SEEDED
    assert stored.actor is None and stored.actor_name == ""
    assert stored.detail == {"seed": 7}
    assert stored.at is not None


def test_events_cannot_be_changed_or_deleted_through_the_orm() -> None:
    event = record(None, Action.DEMO_SEEDED, None, {}, object_repr="Demo")
    event.object_repr = "something else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "Demo"


def test_the_database_refuses_an_update_behind_the_orms_back() -> None:
    event = record(None, Action.DEMO_SEEDED, None, {}, object_repr="Demo")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["tampered", event.pk]
        )
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "Demo"


@pytest.mark.parametrize(
    "model",
    ["audit.AuditEvent", "published.PublishedReport", "frameworks.FrameworkVersion"],
)
def test_the_admin_cannot_change_records_that_only_audited_services_may_change(
    model: str,
) -> None:
    from django.apps import apps
    from django.contrib import admin
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root-fictional", "", "a-long-password-9")
    model_admin = admin.site._registry[apps.get_model(model)]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
