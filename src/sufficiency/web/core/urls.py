from __future__ import annotations

from django.urls import path

from sufficiency.web.core import views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.home, name="home"),
    path("health/", views.health, name="health"),
]
