from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sufficiency.web.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from sufficiency.web.audit import signals  # noqa: F401  (connects the login receivers)
