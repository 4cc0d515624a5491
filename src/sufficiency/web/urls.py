"""The web adapter's URLs: one include per app."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from sufficiency.web.api.urls import api_urls

admin.site.site_header = "Sufficiency administration"
admin.site.site_title = "Sufficiency"
# A database that is down gets a GOV.UK 503 page, never a traceback (operations.views).
handler500 = "sufficiency.web.operations.views.server_error"

urlpatterns = [
    path("", include("sufficiency.web.core.urls")),
    path("accounts/", include("sufficiency.web.accounts.urls")),
    path("two-factor/", include("sufficiency.web.twofactor.urls")),
    path("frameworks/", include("sufficiency.web.frameworks.urls")),
    path("published/", include("sufficiency.web.published.urls")),
    path("audit/", include("sufficiency.web.audit.urls")),
    path("demo/", include("sufficiency.web.demo.urls")),
    path("providers/", include("sufficiency.web.providers.urls")),
    path("inspections/", include("sufficiency.web.inspections.urls")),
    path("", include("sufficiency.web.assessments.urls")),
    path("inspections/<int:inspection_id>/results/", include("sufficiency.web.results.urls")),
    path("inspections/<int:inspection_id>/report/", include("sufficiency.web.reports.urls")),
    path("api/", api_urls()),
    path("admin/", admin.site.urls),
]
