from __future__ import annotations

from django.urls import path

from sufficiency.web.demo import views

app_name = "demo"
urlpatterns = [path("inspection/", views.inspection, name="inspection")]
