from __future__ import annotations

from django.urls import path

from sufficiency.web.providers import views

app_name = "providers"
urlpatterns = [
    path("", views.provider_list, name="list"),
    path("new/", views.provider_create, name="create"),
    path("<int:pk>/", views.provider_edit, name="edit"),
]
