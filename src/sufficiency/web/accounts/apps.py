from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender: AppConfig, **kwargs: Any) -> None:
    from django.apps import apps

    # post_migrate is sent once per app, and each app's permissions are made by its own turn:
    # the role table names several apps' permissions, so sync on the last app's turn.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is not with_models[-1]:
        return
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
