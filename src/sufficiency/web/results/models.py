"""What the results need beyond the recorded cases: double marking, domain one, the ratings panel.

Figures are never stored: live results, breakdowns and consistency are computed from the recorded
answers by the ratings core each time they are shown. What is stored is what people decide:
second markers and their answers, domain-one evidence and judgements, and the panel's decisions.
Every change goes through one service function that checks, saves and audits it.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from sufficiency.web.assessments.models import JUDGEMENTS, CaseAssessment
from sufficiency.web.inspections.models import Inspection


class SecondMarking(models.Model):
    """A submitted case sent by the lead to a second inspector, who answers it blind."""

    case = models.OneToOneField(
        CaseAssessment, on_delete=models.PROTECT, related_name="second_marking"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="second_markings"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[SecondMarking]] = models.Manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["case"]
        permissions = (("double_mark", "Send cases of inspections you lead for double marking"),)

    def __str__(self) -> str:
        return f"{self.case} second marked by {self.inspector}"


class SecondAnswer(models.Model):
    """The second marker's answer to one key question. Never counted in the results."""

    marking = models.ForeignKey(SecondMarking, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    judgement = models.CharField(max_length=3, choices=JUDGEMENTS)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["marking", "question_id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["marking", "question_id"], name="second_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.marking.case}: {self.question_id} {self.judgement}"


class EvidenceKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    DOCUMENT = "document", "Document"
    SURVEY = "survey", "Survey results"


class EvidenceEntry(models.Model):
    """One dated piece of domain-one evidence for a standard, tagged with its key questions."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="evidence_entries"
    )
    standard_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices)
    date = models.DateField()
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[EvidenceEntry]] = models.Manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["inspection", "standard_id", "date", "id"]
        verbose_name_plural = "evidence entries"
        permissions = (("record_evidence", "Add domain-one evidence to inspections you are on"),)

    def __str__(self) -> str:
        return f"{self.standard_id} {self.get_kind_display()} {self.date:%d %b %Y}"


class EvidenceTag(models.Model):
    """An evidence entry's key question."""

    entry = models.ForeignKey(EvidenceEntry, on_delete=models.CASCADE, related_name="tags")
    question_id = models.CharField(max_length=64)

    class Meta:
        ordering: ClassVar[list[str]] = ["entry", "question_id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["entry", "question_id"], name="evidence_tag_once")
        ]

    def __str__(self) -> str:
        return self.question_id


class PanelStatus(models.TextChoices):
    OPEN = "open", "Open"
    SIGNED_OFF = "signed_off", "Signed off"


class RatingsPanel(FSMModelMixin, models.Model):
    """An inspection's ratings panel: open while it decides, then signed off, which locks the
    ratings. Reopening is recorded with its reason. ``version`` goes up with every change, and a
    change names the version it was made from, so nothing changes unseen."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="ratings_panel"
    )
    status = FSMField(max_length=16, choices=PanelStatus.choices, default=PanelStatus.OPEN)
    version = models.PositiveIntegerField(default=1)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    # The engine's result (``sufficiency rate --format json``) as signed off.
    signed_off_result = models.JSONField(null=True, blank=True)

    objects: ClassVar[models.Manager[RatingsPanel]] = models.Manager()

    class Meta:
        permissions = (
            (
                "decide_ratings",
                "Sit on the ratings panel: record judgements and decisions, sign off",
            ),
        )

    def __str__(self) -> str:
        return f"Ratings panel of {self.inspection}"

    @property
    def signed_off(self) -> bool:
        return bool(self.status == PanelStatus.SIGNED_OFF)

    @transition(field=status, source=PanelStatus.OPEN, target=PanelStatus.SIGNED_OFF)
    def sign_off(self) -> None: ...

    @transition(field=status, source=PanelStatus.SIGNED_OFF, target=PanelStatus.OPEN)
    def reopen(self) -> None: ...


class Reopening(models.Model):
    panel = models.ForeignKey(RatingsPanel, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["panel", "at", "id"]

    def __str__(self) -> str:
        return f"{self.panel} reopened: {self.reason[:40]}"


class Rating(models.TextChoices):
    """The framework's four rating words, as stored (``framework.Rating``)."""

    OUTSTANDING = "Outstanding", "Outstanding"
    GOOD = "Good", "Good"
    REQUIRES_IMPROVEMENT = "Requires improvement", "Requires improvement"
    INADEQUATE = "Inadequate", "Inadequate"


class Grounds(models.TextChoices):
    """Why the panel awards a rating other than the calculated one (``ratings.PanelGrounds``)."""

    MARGINAL = "marginal", "Marginal result from few cases"
    WIDER_EVIDENCE = "wider_evidence", "Wider evidence"
    OTHER = "other", "Other"


class StandardDecision(models.Model):
    """A rating people decided for one standard: the inspectors' judgement on a domain-one
    standard (with its rationale), or the panel's awarded rating on a case-data standard (with,
    where it differs from the calculated rating, the grounds and the footnote's reason).

    The calculated rating it was decided against is kept beside it; the engine keeps both."""

    panel = models.ForeignKey(RatingsPanel, on_delete=models.CASCADE, related_name="decisions")
    standard_id = models.CharField(max_length=64)
    rating = models.CharField(max_length=32, choices=Rating.choices)
    calculated_rating = models.CharField(max_length=32, choices=Rating.choices, blank=True)
    grounds = models.CharField(max_length=16, choices=Grounds.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[models.Manager[StandardDecision]] = models.Manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["panel", "standard_id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["panel", "standard_id"], name="decision_once")
        ]

    def __str__(self) -> str:
        return f"{self.standard_id}: {self.rating}"
