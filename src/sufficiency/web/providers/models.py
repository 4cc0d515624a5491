"""Providers of probation services, their local delivery units, and their quality teams."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class ProviderKind(models.TextChoices):
    CRC = "crc", "Community Rehabilitation Company"
    NPS_DIVISION = "nps_division", "National Probation Service division"
    OTHER = "other", "Other"


class Provider(models.Model):
    name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=16, choices=ProviderKind.choices)
    # The provider's own quality team: the users who run its self-audits and, once published, see
    # HMIP's inspections of it. (Accounts may scope users to providers more widely; this is the
    # membership the inspection workflow reads, through inspections.visibility only.)
    quality_team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="quality_team_of"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class LocalDeliveryUnit(models.Model):
    """A local delivery unit (LDU) of a provider, named as the provider's caseload names it."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="ldus")
    name = models.CharField(max_length=255)

    class Meta:
        ordering: ClassVar[list[str]] = ["provider", "name"]
        verbose_name = "local delivery unit"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["provider", "name"], name="ldu_name_per_provider")
        ]

    def __str__(self) -> str:
        return self.name
