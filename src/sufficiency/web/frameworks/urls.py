from __future__ import annotations

from django.urls import path

from sufficiency.web.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("upload/", views.framework_upload, name="upload"),
    path("<int:pk>/", views.framework_detail, name="detail"),
    path("<int:pk>/standards/<str:standard_id>/", views.standard_detail, name="standard"),
]
