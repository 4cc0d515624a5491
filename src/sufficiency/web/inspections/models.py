"""Inspections, their caseloads and the samples drawn from them, one row per case.

An inspection is either HMIP's inspection of a provider or the provider's own self-audit; both go
through the same workflow. Status changes only through the transition methods below, each called
by one service function in ``inspections.lifecycle`` that checks, saves and audits it.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.providers.models import LocalDeliveryUnit, Provider


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", "HMIP inspection"
    SELF_AUDIT = "self_audit", "Self-audit"


class InspectionStatus(models.TextChoices):
    PLANNING = "planning", "Planning"
    FIELDWORK = "fieldwork", "Fieldwork"
    MODERATION = "moderation", "Moderation"
    RATINGS_PANEL = "ratings_panel", "Ratings panel"
    REPORTING = "reporting", "Reporting"
    PUBLISHED = "published", "Published"


S = InspectionStatus


class Inspection(FSMModelMixin, models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=16, choices=InspectionKind.choices)
    # Chosen in planning; fixed once fieldwork starts (inspections.lifecycle refuses a change).
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT)
    reference_date = models.DateField(help_text="R: the date the sample windows count back from")
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections_led"
    )
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="inspection_teams"
    )
    status = FSMField(max_length=16, choices=InspectionStatus.choices, default=S.PLANNING)
    # The local delivery units the inspection covers: the samples are drawn from their cases.
    ldus = models.ManyToManyField(LocalDeliveryUnit, blank=True, related_name="inspections")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[Inspection]] = models.Manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-reference_date", "-id"]
        permissions = (
            ("manage_inspection", "Plan an inspection, draw its samples and assign its cases"),
            ("run_self_audit", "Set up a self-audit of a provider whose quality team one is on"),
            ("view_all_inspections", "See every HMIP inspection, not only those of one's team"),
            ("export_case_list", "Export an inspection's case list for the provider"),
        )

    def __str__(self) -> str:
        what = "self-audit" if self.kind == InspectionKind.SELF_AUDIT else "inspection"
        return f"{self.provider} {what} ({self.reference_date:%B %Y})"

    # The workflow. Conditions live in inspections.lifecycle, which calls these.
    @transition(field=status, source=S.PLANNING, target=S.FIELDWORK)
    def start_fieldwork(self) -> None: ...

    @transition(field=status, source=S.FIELDWORK, target=S.MODERATION)
    def begin_moderation(self) -> None: ...

    @transition(field=status, source=S.MODERATION, target=S.RATINGS_PANEL)
    def convene_ratings_panel(self) -> None: ...

    @transition(field=status, source=S.RATINGS_PANEL, target=S.REPORTING)
    def start_reporting(self) -> None: ...

    @transition(field=status, source=S.REPORTING, target=S.PUBLISHED)
    def publish(self) -> None: ...


class Caseload(models.Model):
    """The provider's caseload extract as uploaded: the file's facts, and one row per case."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="caseload")
    filename = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    cases = models.PositiveIntegerField(help_text="the number of cases in the file")
    columns = models.JSONField(
        default=list, help_text="the file's column names, in the file's order (its header)"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.filename} ({self.cases} cases)"


class CaseloadCase(models.Model):
    """One case of a caseload. Its values are kept exactly as the file gives them (as text),
    by column name, so that the sampling core can read the caseload back and draw again with the
    same result whatever columns the inspection's framework declares."""

    caseload = models.ForeignKey(Caseload, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField(help_text="0-based data row, in the file's order")
    line = models.PositiveIntegerField(help_text="the line (CSV) or row (worksheet) in the file")
    case_id = models.CharField(max_length=128)
    ldu = models.CharField(max_length=255, blank=True, help_text="its local delivery unit")
    values = models.JSONField(help_text="column name → value, every column of the file")

    class Meta:
        ordering: ClassVar[list[str]] = ["caseload", "row"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["caseload", "case_id"], name="caseload_case_once"),
            models.UniqueConstraint(fields=["caseload", "row"], name="caseload_row_once"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["caseload", "ldu"])]

    def __str__(self) -> str:
        return self.case_id


class Sample(models.Model):
    """One drawn sample of a sample type: how it was drawn, so it can be drawn again."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="samples")
    sample_type = models.CharField(max_length=64, help_text="the framework's sample type id")
    name = models.CharField(max_length=255)
    seed = models.PositiveBigIntegerField()
    window = models.CharField(max_length=255, help_text="the eligibility window, described")
    window_override_reason = models.TextField(
        blank=True, help_text="why the window is not the framework's, when it is not"
    )
    eligible = models.PositiveIntegerField(help_text="N: the eligible population")
    size_override = models.PositiveIntegerField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    size = models.PositiveIntegerField(help_text="the sample size used")
    size_explanation = models.TextField(help_text="the size calculation written out, line by line")
    confidence = models.FloatField()
    margin_of_error = models.FloatField()
    reserve_fraction = models.FloatField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["inspection", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["inspection", "sample_type"], name="sample_type_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.size} of {self.eligible} eligible"


class SampleStratum(models.Model):
    """A stratum's part of a sample: eligible cases, exact share, sampled cases and reserves."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="strata")
    order = models.PositiveIntegerField()
    key = models.CharField(max_length=255, help_text='e.g. "male/community_order/medium"')
    label = models.CharField(max_length=255, help_text='e.g. "Male, community order, medium RoSH"')
    eligible = models.PositiveIntegerField()
    share = models.FloatField(help_text="the exact proportional share, n·N_h/N")
    sampled = models.PositiveIntegerField()
    reserves = models.PositiveIntegerField()

    class Meta:
        ordering: ClassVar[list[str]] = ["sample", "order"]
        verbose_name_plural = "sample strata"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["sample", "key"], name="stratum_once_per_sample")
        ]

    def __str__(self) -> str:
        return self.label


class Selection(models.TextChoices):
    SAMPLED = "sample", "Sampled"
    RESERVE = "reserve", "Reserve"
    REPLACED = "replaced", "Replaced"  # a sampled case that could not be inspected


class SampledCase(models.Model):
    """A case on a sample list: sampled, reserve, or replaced (and by which reserve, and why)."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="cases")
    case = models.ForeignKey(CaseloadCase, on_delete=models.PROTECT, related_name="selections")
    selection = models.CharField(max_length=16, choices=Selection.choices)
    order = models.PositiveIntegerField(
        help_text="position on the list: sampled cases, then reserves in the order they are used"
    )
    stratum_key = models.CharField(max_length=255)
    stratum_label = models.CharField(max_length=255)
    ldu = models.ForeignKey(LocalDeliveryUnit, on_delete=models.PROTECT, related_name="+")
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    replacement_reason = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["sample", "order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["sample", "case"], name="case_once_per_sample"),
            models.UniqueConstraint(fields=["sample", "order"], name="order_once_per_sample"),
        ]

    def __str__(self) -> str:
        return f"{self.case.case_id} ({self.get_selection_display()})"
