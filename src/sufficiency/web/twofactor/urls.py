from __future__ import annotations

from django.urls import path

from sufficiency.web.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("", views.setup, name="setup"),
    path("sign-in/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("turn-off/", views.turn_off, name="turn_off"),
]
