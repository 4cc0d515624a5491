"""The audit log: who did what, to what, and when. Append-only.

Rows are never changed or removed through the ORM (``save`` of an existing row, ``delete``,
queryset ``update``/``delete``/``_raw_delete`` raise, through every manager), and the database
itself refuses ``UPDATE`` and ``DELETE`` on the table and sets each event's time (triggers, added
by migrations 0002 and 0004, on SQLite and PostgreSQL alike). On PostgreSQL the application's role
is granted only INSERT and SELECT on the table (see SECURITY.md).
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models
from django.db.models.functions import Now


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit event."""


class Action(models.TextChoices):
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"
    LOGIN_LOCKED_OUT = "login_locked_out", "Sign-in locked out after repeated failures"
    LOGOUT = "logout", "Signed out"
    USER_CREATED = "user_created", "User created"
    PASSWORD_SET = "password_set", "Password set"
    FRAMEWORK_LOADED = "framework_loaded", "Framework loaded"
    REPORT_IMPORTED = "report_imported", "Published report imported"
    REPORT_UPDATED = "report_updated", "Published report updated"
    REPORT_UNCHANGED = "report_unchanged", "Published report re-imported unchanged"
    REPORT_REJECTED = "report_rejected", "Published report rejected"
    DATASET_EXPORTED = "dataset_exported", "Published dataset exported"
    RATINGS_CALCULATED = "ratings_calculated", "Ratings calculated"
    DEMO_SEEDED = "demo_seeded", "Demo workspace seeded"
    ROLES_CHANGED = "roles_changed", "Roles (groups) of a user changed"
    PERMISSIONS_CHANGED = "permissions_changed", "Permissions of a user changed"
    GROUP_PERMISSIONS_CHANGED = "group_permissions_changed", "Permissions of a role changed"
    GROUP_CHANGED = "group_changed", "Role (group) created or deleted"
    ACCOUNT_CHANGED = "account_changed", "Account status changed"
    USER_DELETED = "user_deleted", "User deleted"
    LOCKOUT_RESET = "lockout_reset", "Sign-in lockout cleared"
    UPLOAD_REFUSED = "upload_refused", "Upload refused"
    # Providers, inspections and samples
    PROVIDER_CHANGED = "provider_changed", "Provider created or changed"
    INSPECTION_CREATED = "inspection_created", "Inspection created"
    INSPECTION_CHANGED = "inspection_changed", "Inspection details changed"
    INSPECTION_STATUS_CHANGED = "inspection_status", "Inspection moved on"
    CASELOAD_UPLOADED = "caseload_uploaded", "Caseload uploaded"
    CASELOAD_REJECTED = "caseload_rejected", "Caseload rejected"
    LDUS_CHOSEN = "ldus_chosen", "Local delivery units chosen"
    SAMPLE_DRAWN = "sample_drawn", "Sample drawn"
    CASE_REPLACED = "case_replaced", "Case replaced by a reserve"
    CASE_ASSIGNED = "case_assigned", "Case assigned"
    CASE_LIST_EXPORTED = "case_list_exported", "Case list exported"
    # Case assessment and moderation
    ANSWERS_SAVED = "answers_saved", "Case answers saved"
    ANSWERS_CONFLICT = "answers_conflict", "Case save refused: changed elsewhere"
    CASE_SUBMITTED = "case_submitted", "Case submitted"
    QUERY_OPENED = "query_opened", "Query opened"
    QUERY_REPLIED = "query_replied", "Query replied to"
    QUERY_RESOLVED = "query_resolved", "Query resolved"
    CASE_QUALITY_ASSURED = "case_quality_assured", "Case quality-assured (locked)"
    CASE_UNLOCKED = "case_unlocked", "Case unlocked"
    API_TOKEN_CREATED = "api_token_created", "API token created"
    API_TOKEN_REVOKED = "api_token_revoked", "API token revoked"
    # Results, double marking, domain one and the ratings panel
    SECOND_MARKING_ASSIGNED = "second_marking", "Case sent for double marking"
    SECOND_ANSWERS_SAVED = "second_answers_saved", "Second marker's answers saved"
    SECOND_ANSWER_ADOPTED = "second_answer_adopted", "Counted answer changed to the second marker's"
    EVIDENCE_RECORDED = "evidence_recorded", "Domain-one evidence recorded"
    STANDARD_DECIDED = "standard_decided", "Standard rating decided"
    PANEL_SIGNED_OFF = "panel_signed_off", "Ratings panel signed off"
    PANEL_REOPENED = "panel_reopened", "Ratings panel reopened"
    RESULTS_EXPORTED = "results_exported", "Inspection results exported"
    TWO_FACTOR_ENABLED = "two_factor_enabled", "Two-factor sign-in turned on"
    TWO_FACTOR_DISABLED = "two_factor_disabled", "Two-factor sign-in turned off"
    TWO_FACTOR_FAILED = "two_factor_failed", "Wrong two-factor code"
    RECOVERY_CODES_CREATED = "recovery_codes_created", "Recovery codes created"
    RECOVERY_CODE_USED = "recovery_code_used", "Signed in with a recovery code"
    DATABASE_BACKED_UP = "database_backed_up", "Database backed up"
    DATABASE_RESTORED = "database_restored", "Database restored from a backup"
    # The inspection report (reports)
    REPORT_TEXT_SAVED = "report_text_saved", "Report narrative changed"
    REPORT_BUILT = "report_built", "Report built"
    REPORT_STATUS_CHANGED = "report_status", "Report moved on"
    ACCURACY_COMMENT_MADE = "accuracy_comment", "Factual accuracy comment made"
    ACCURACY_COMMENT_RESOLVED = "accuracy_resolved", "Factual accuracy comment accepted or rejected"
    REPORT_PUBLISHED = "report_published", "Inspection report published"
    REPORT_REISSUED = "report_reissued", "Published inspection report reissued"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")

    def _raw_delete(self, using: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    # The database's clock, never the caller's: a trigger overrides (PostgreSQL) or refuses
    # (SQLite) any other value an INSERT gives.
    at = models.DateTimeField(db_default=Now(), db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # deactivate people who have acted; never erase their trail
        related_name="audit_events",
    )
    actor_name = models.CharField(max_length=150, blank=True)  # as it was at the time
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects: ClassVar[models.Manager[AuditEvent]] = AuditEventQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        verbose_name = "audit event"
        base_manager_name = "objects"  # related lookups and the admin get the guarded queryset

    def __str__(self) -> str:
        who = self.actor_name or "system"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {who} {self.get_action_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")
