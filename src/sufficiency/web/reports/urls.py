from __future__ import annotations

from django.urls import path

from sufficiency.web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("files/<str:output_format>/", views.download, name="download"),
    path("text/<str:part>/", views.text, name="text"),
    path("practice-examples/", views.practice_examples, name="examples"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("factual-accuracy/", views.comments, name="comments"),
]
