from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "sufficiency.web.assessments"
    label = "assessments"
    verbose_name = "Case assessments and moderation"
