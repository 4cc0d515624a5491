from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sufficiency.web.reports"
    label = "reports"
    verbose_name = "Inspection reports"
