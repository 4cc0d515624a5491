from __future__ import annotations

from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "sufficiency.web.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"
