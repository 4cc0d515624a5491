from __future__ import annotations

from django.apps import AppConfig


class PublishedConfig(AppConfig):
    name = "sufficiency.web.published"
    label = "published"
    verbose_name = "Published reports"
