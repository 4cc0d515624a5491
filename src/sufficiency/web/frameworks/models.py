"""Framework versions as stored text: the YAML is the record, the core loader its meaning."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class FrameworkVersion(models.Model):
    framework_id = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    name = models.CharField(max_length=255)
    owner = models.CharField(max_length=255, blank=True)
    yaml_text = models.TextField()
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=255, help_text="file or shipped framework it came from")
    builtin = models.BooleanField(default=False)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["framework_id", "-loaded_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["framework_id", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} ({self.version})"
