"""Published inspection reports as parsed, and their history when a re-parse changes them."""

from __future__ import annotations

import calendar
import re
from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from sufficiency.published.parser import default_framework

OTHER_PROVIDER = "other"  # a provider of no kind the framework names


def provider_kinds() -> list[tuple[str, tuple[str, str]]]:
    """The kinds of provider a published report is of (a CRC, an NPS division): the values and
    display names of the caseload's provider column in the framework reports are parsed against,
    then "other". Each as (member name, (value, label)) for ``ProviderType``."""
    column = default_framework().provider_column
    kinds = [(v.value, v.name) for v in column.values] if column is not None else []
    return [
        (_MEMBER.sub("_", value).upper(), (value, name))
        for value, name in [*kinds, (OTHER_PROVIDER, "Other")]
    ]


_MEMBER = re.compile(r"\W")  # what a provider value cannot keep in a member's name


# The stored column's choices, from the framework's data: no kind of provider is named here.
# (Django's stubs know no functional TextChoices: an Enum built from a list is one all the same.)
ProviderType: type[models.TextChoices] = models.TextChoices(  # type: ignore[call-overload]
    "ProviderType", provider_kinds()
)


class ReportFormat(models.TextChoices):
    TEXT = "text", "Text"
    PDF = "pdf", "PDF"
    JSON = "json", "Parsed JSON"


class PublishedReport(models.Model):
    """One published report: the parser's JSON record, and what is needed to find it."""

    report_key = models.CharField(
        max_length=300, unique=True, help_text="which inspection: provider slug and date"
    )
    provider = models.CharField(max_length=255, db_index=True)
    provider_type = models.CharField(
        max_length=8, choices=ProviderType.choices, default=OTHER_PROVIDER
    )
    # As the report prints it: "YYYY-MM", or "YYYY" where only the year is printed.
    publication_date = models.CharField(max_length=7, blank=True)
    overall_rating = models.CharField(max_length=32, blank=True)
    fingerprint = models.CharField(max_length=64)
    parsed = models.JSONField()
    format = models.CharField(max_length=8, choices=ReportFormat.choices)
    source_filename = models.CharField(max_length=255, blank=True)
    synthetic = models.BooleanField(
        default=False, help_text="invented demo data, never a real provider's figures"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar[list[str]] = ["provider", "-publication_date"]
        permissions = (("export_dataset", "Can export the published reports dataset"),)

    def __str__(self) -> str:
        when = f" ({self.publication_label})" if self.publication_date else ""
        return f"{self.provider}{when}"

    @property
    def publication_label(self) -> str:
        """ "October 2018" for "2018-10"; the year alone where that is all that is known."""
        return month_label(self.publication_date)

    @property
    def checks(self) -> dict[str, Any]:
        """The parser's checks of the figures against the framework's rules (may be absent)."""
        found = self.parsed.get("checks")
        return found if isinstance(found, dict) else {}


def month_label(value: str) -> str:
    year, _, month = value.partition("-")
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{calendar.month_name[int(month)]} {year}"
    return year


class PublishedReportRevision(models.Model):
    """A parse that a changed parse of the same report replaced: kept, never overwritten."""

    report = models.ForeignKey(PublishedReport, on_delete=models.CASCADE, related_name="revisions")
    fingerprint = models.CharField(max_length=64)
    parsed = models.JSONField()
    format = models.CharField(max_length=8, choices=ReportFormat.choices)
    source_filename = models.CharField(max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} as imported {self.imported_at:%Y-%m-%d %H:%M}"
