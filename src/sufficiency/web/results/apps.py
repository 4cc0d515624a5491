from __future__ import annotations

from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "sufficiency.web.results"
    label = "results"
    verbose_name = "Results, domain one and the ratings panel"
