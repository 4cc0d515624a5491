"""An inspection's report: the narrative people write, its status, comments and published versions.

Figures are never stored here: a draft is built from the inspection's records each time
(``reports.data``). What is stored is what people write and decide, and, once published, the
report exactly as published (``PublishedVersion``), which nothing changes afterwards.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.inspections.models import Inspection


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy check"
    PUBLISHED = "published", "Published"


class InspectionReport(FSMModelMixin, models.Model):
    """One inspection's report. ``version`` goes up with every change to it or its narrative,
    and a change names the version it was made from, so nothing changes unseen. Status moves
    only through ``reports.workflow``."""

    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT, related_name="report")
    status = FSMField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    foreword = models.TextField(blank=True)
    overall_findings = models.TextField(blank=True)
    # Set by a reissue, kept by the next publication's version.
    reissue_reason = models.TextField(blank=True)

    objects: ClassVar[models.Manager[InspectionReport]] = models.Manager()

    class Meta:
        permissions = (
            ("write_report", "Write the report of an inspection you lead, and move it on"),
            ("publish_report", "Publish or reissue the report of an inspection you lead"),
            ("comment_on_draft", "Comment on your provider's draft report (factual accuracy)"),
        )

    def __str__(self) -> str:
        return f"Report of {self.inspection}"

    @transition(field=status, source=ReportStatus.DRAFT, target=ReportStatus.FACTUAL_ACCURACY)
    def send_for_factual_accuracy(self) -> None: ...

    @transition(field=status, source=ReportStatus.FACTUAL_ACCURACY, target=ReportStatus.DRAFT)
    def return_to_draft(self) -> None: ...

    @transition(field=status, source=ReportStatus.FACTUAL_ACCURACY, target=ReportStatus.PUBLISHED)
    def publish(self) -> None: ...

    @transition(field=status, source=ReportStatus.PUBLISHED, target=ReportStatus.DRAFT)
    def reissue(self) -> None: ...


class DomainText(models.Model):
    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="domains")
    domain_id = models.CharField(max_length=16)
    summary = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    areas_for_improvement = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "domain_id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["report", "domain_id"], name="domain_text_once")
        ]

    def __str__(self) -> str:
        return f"Domain {self.domain_id}"


class StandardText(models.Model):
    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="standards")
    standard_id = models.CharField(max_length=16)
    key_findings = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "standard_id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["report", "standard_id"], name="standard_text_once")
        ]

    def __str__(self) -> str:
        return f"Standard {self.standard_id}"


class PracticeExample(models.Model):
    """A practice example, from a case its inspector flagged as one in assessment."""

    report = models.ForeignKey(
        InspectionReport, on_delete=models.CASCADE, related_name="practice_examples"
    )
    case = models.ForeignKey(CaseAssessment, on_delete=models.PROTECT, related_name="+")
    standard_id = models.CharField(max_length=16)
    title = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "standard_id", "id"]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    report = models.ForeignKey(
        InspectionReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    to = models.CharField(max_length=200, help_text="to whom it is addressed")
    what = models.TextField(help_text="what they should do")

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.what[:40]}"


class Resolution(models.TextChoices):
    OPEN = "open", "Awaiting the lead inspector"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class AccuracyComment(models.Model):
    """A provider's comment on one paragraph of the draft (its stable id in the core report),
    and the lead inspector's resolution with a note. Kept with the report for good."""

    report = models.ForeignKey(
        InspectionReport, on_delete=models.PROTECT, related_name="accuracy_comments"
    )
    paragraph = models.CharField(max_length=128, help_text="the paragraph's id in the report")
    paragraph_text = models.TextField(help_text="the paragraph as the commenter saw it")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    resolution = models.CharField(
        max_length=16, choices=Resolution.choices, default=Resolution.OPEN
    )
    note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.paragraph}: {self.text[:40]}"


class PublishedVersion(models.Model):
    """The report as published: every format's files, frozen. A new version comes only from a
    recorded reissue (its reason kept here) and the publication after it."""

    report = models.ForeignKey(
        InspectionReport, on_delete=models.PROTECT, related_name="published_versions"
    )
    number = models.PositiveIntegerField()
    files = models.JSONField(help_text="format → file name → content (base64 for the PDF)")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    publication_date = models.DateField()
    reissue_reason = models.TextField(blank=True, help_text="why this version replaces the last")
    benchmark_report_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="its figures in the published-report benchmark"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["report", "number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["report", "number"], name="published_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.report}, version {self.number}"
