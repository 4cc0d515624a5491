from __future__ import annotations

from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "sufficiency.web.providers"
    label = "providers"
    verbose_name = "Providers"
