from __future__ import annotations

from django.urls import path

from sufficiency.web.published import views

app_name = "published"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("upload/", views.report_upload, name="upload"),
    path("dataset.csv", views.dataset_export, name="dataset"),
    path("benchmark/", views.benchmark_index, name="benchmark_index"),
    path("benchmark/provider/", views.benchmark, name="benchmark"),
    path("<int:pk>/", views.report_detail, name="detail"),
]
