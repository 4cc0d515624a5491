from __future__ import annotations

from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "sufficiency.web.inspections"
    label = "inspections"
    verbose_name = "Inspections and samples"
