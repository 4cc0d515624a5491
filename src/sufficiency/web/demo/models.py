"""A demo inspection: a synthetic caseload and the samples drawn from it, for display only.

The integration point for the inspection workflow to come: a real ``Inspection`` (caseload upload,
drawn samples, case assessment) is a later piece of work and will replace these two models.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from sufficiency.web.frameworks.models import FrameworkVersion


class DemoInspection(models.Model):
    name = models.CharField(max_length=255)
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT)
    reference_date = models.DateField(help_text="R: the fieldwork start the windows count from")
    seed = models.PositiveIntegerField()
    caseload_csv = models.TextField(help_text="the synthetic caseload, as CSV")
    caseload_cases = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class DemoSample(models.Model):
    inspection = models.ForeignKey(DemoInspection, on_delete=models.CASCADE, related_name="samples")
    sample_id = models.CharField(max_length=64)
    sample_name = models.CharField(max_length=255)
    window = models.CharField(max_length=255, help_text="the eligibility window, described")
    eligible = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    size_explanation = models.JSONField(default=list)
    allocation = models.JSONField(default=list)  # [{stratum, eligible, sample, reserves}]
    header = models.JSONField(default=list)  # the sample file's columns
    rows = models.JSONField(default=list)  # the sample file's rows: sampled, then reserves

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["inspection", "sample_id"], name="demo_sample_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: {self.sample_name}"

    def column(self, name: str) -> int:
        return list(self.header).index(name)
