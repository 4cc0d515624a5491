from __future__ import annotations

from django.contrib import admin

from sufficiency.web.core.admin import ReadOnlyAdminMixin
from sufficiency.web.published.models import PublishedReport, PublishedReportRevision


class RevisionInline(admin.TabularInline[PublishedReportRevision, PublishedReport]):
    model = PublishedReportRevision
    fk_name = "report"
    extra = 0
    can_delete = False
    fields = ("imported_at", "fingerprint", "source_filename", "replaced_at")
    readonly_fields = fields


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[PublishedReport]):
    """Read-only: reports change only by import, which keeps history and is audited."""

    list_display = ("provider", "provider_type", "publication_date", "overall_rating", "synthetic")
    list_filter = ("provider_type", "synthetic", "overall_rating")
    search_fields = ("provider",)
    readonly_fields = ("report_key", "fingerprint", "parsed", "imported_by", "imported_at")
    inlines = (RevisionInline,)
