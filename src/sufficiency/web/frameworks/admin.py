from __future__ import annotations

from django.contrib import admin

from sufficiency.web.core.admin import ReadOnlyAdminMixin
from sufficiency.web.frameworks.models import FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[FrameworkVersion]):
    """Read-only: framework versions are loaded through the audited service, never edited."""

    list_display = ("framework_id", "version", "name", "builtin", "loaded_by", "loaded_at")
    readonly_fields = (
        "framework_id",
        "version",
        "name",
        "owner",
        "yaml_text",
        "sha256",
        "source",
        "builtin",
        "loaded_by",
        "loaded_at",
    )
