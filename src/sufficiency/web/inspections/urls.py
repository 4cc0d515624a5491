from __future__ import annotations

from django.urls import path

from sufficiency.web.inspections import caseload_views, views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_create, name="create"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/status/", views.inspection_advance, name="advance"),
    path("<int:pk>/team/", views.inspection_team, name="team"),
    path("<int:pk>/caseload/", caseload_views.caseload_upload, name="caseload"),
    path(
        "<int:pk>/caseload/problems.csv",
        caseload_views.caseload_problems,
        name="caseload_problems",
    ),
    path("<int:pk>/ldus/", caseload_views.choose_ldus_page, name="ldus"),
    path("<int:pk>/samples/", caseload_views.samples_page, name="samples"),
    path("<int:pk>/samples/<int:sample_pk>/", caseload_views.sample_cases, name="sample"),
    path("<int:pk>/sampled/<int:case_pk>/replace/", caseload_views.replace_page, name="replace"),
    path("<int:pk>/case-list/", caseload_views.case_list_export, name="case_list"),
    path("<int:pk>/assign/", caseload_views.assignment_page, name="assign"),
    path("<int:pk>/assign/evenly/", caseload_views.assign_evenly, name="assign_evenly"),
    path("<int:pk>/assign/<int:case_pk>/", caseload_views.assign_one, name="assign_one"),
]
