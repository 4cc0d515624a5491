"""Set Django up from outside a Django process: for the CLI commands that use the database."""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure Django with Sufficiency's settings (idempotent); import Django only now."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sufficiency.web.settings")
    os.environ.setdefault("SUFFICIENCY_COMMAND_LINE", "1")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
