from __future__ import annotations

from django.urls import path

from sufficiency.web.assessments import dashboard_views, moderation_views, views

app_name = "assessments"
_CASE = "inspections/<int:pk>/cases/<int:case_pk>/"
urlpatterns = [
    path("my-cases/", dashboard_views.my_cases_page, name="my_cases"),
    path("inspections/<int:pk>/progress/", dashboard_views.progress_page, name="progress"),
    path("inspections/<int:pk>/moderation/", moderation_views.moderation_list, name="moderation"),
    path(_CASE, views.case_page, name="case"),
    path(_CASE + "queries/", moderation_views.open_query, name="open_query"),
    path(_CASE + "queries/<int:query_pk>/reply/", moderation_views.reply, name="reply"),
    path(_CASE + "queries/<int:query_pk>/resolve/", moderation_views.resolve, name="resolve"),
    path(_CASE + "quality-assure/", moderation_views.quality_assure, name="quality_assure"),
    path(_CASE + "unlock/", moderation_views.unlock, name="unlock"),
]
