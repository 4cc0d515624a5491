"""Accounts use Django's own user model; roles are Django groups (see services.py).

A :class:`Profile` holds what Django's user lacks: the provider a provider quality team user
belongs to. It names the provider as published reports name it, for now; when the providers app's
``Provider`` model lands, ``provider`` becomes a foreign key to it (one migration, and
``services.provider_scope`` reads the name from there) and nothing else changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    provider = models.CharField(
        max_length=255,
        blank=True,
        help_text="the provider this user works for (provider quality teams); blank otherwise",
    )

    class Meta:
        permissions = (
            ("view_every_provider", "Can see every provider's records, not only one provider's"),
            ("view_inspectorate_people", "Can see the names of the inspectorate's users"),
            ("reset_password", "Can reset another user's password"),
        )

    def __str__(self) -> str:
        return f"{self.user} ({self.provider or 'no provider'})"
