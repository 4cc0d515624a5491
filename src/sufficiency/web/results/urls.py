from __future__ import annotations

from django.urls import path

from sufficiency.web.results import views

app_name = "results"
urlpatterns = [
    path("", views.live, name="live"),
    path("consistency/", views.consistency, name="consistency"),
    path("second-marking/<int:marking_id>/", views.second_marking, name="second_marking"),
    path("domain-one/", views.domain_one_page, name="domain_one"),
    path("panel/", views.panel_page, name="panel"),
    path("panel/<str:standard_id>/", views.decide, name="decide"),
]
