from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender: AppConfig, **kwargs: Any) -> None:
    from sufficiency.web.accounts.services import sync_roles

    sync_roles(using=kwargs.get("using", "default"))


class AccountsConfig(AppConfig):
    name = "sufficiency.web.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        # Roles are groups whose permissions are kept in step with ROLE_PERMISSIONS after every
        # migrate (and after the test database is flushed), once every app's permissions exist.
        post_migrate.connect(_sync_roles, dispatch_uid="sufficiency-sync-roles")
