"""Case assessments: one row per inspected case, one row per answer, and moderation queries.

A judgement (yes / no / not applicable) says what the inspector found; a case's status says where
it is in moderation. The two never share a field. Status changes only through the transitions
below, each called by one service function that checks, saves and audits it.

A case's ``version`` goes up by one with every change to it or its answers; a save names the
version it was made from and is refused if the case has moved on (optimistic locking, by a
conditional UPDATE in ``assessments.answers``).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from sufficiency.ratings import Judgement
from sufficiency.web.inspections.models import Inspection, SampledCase


class CaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    QUERIED = "queried", "Queried"
    QUALITY_ASSURED = "quality_assured", "Quality-assured"


C = CaseStatus
# Where the case's inspector may change answers.
EDITABLE: frozenset[str] = frozenset({C.NOT_STARTED, C.DRAFT, C.QUERIED})


class CaseAssessment(FSMModelMixin, models.Model):
    sampled_case = models.OneToOneField(
        SampledCase, on_delete=models.PROTECT, related_name="assessment"
    )
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="assessments")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = FSMField(max_length=16, choices=CaseStatus.choices, default=C.NOT_STARTED)
    rosh_relevant = models.BooleanField(
        default=False, help_text="in the relevant sub-sample: risk of serious harm issues apply"
    )
    ro_interviewed = models.BooleanField(
        null=True, blank=True, help_text="whether the responsible officer was interviewed"
    )
    practice_example = models.BooleanField(default=False)
    practice_example_text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[models.Manager[CaseAssessment]] = models.Manager()

    class Meta:
        ordering: ClassVar[list[str]] = [
            "inspection",
            "sampled_case__sample",
            "sampled_case__order",
        ]
        permissions = (
            ("assess_case", "Record the assessment of a case assigned to you"),
            ("moderate_case", "Query, quality-assure and unlock the cases of inspections you lead"),
        )

    def __str__(self) -> str:
        return self.sampled_case.case.case_id

    @property
    def locked(self) -> bool:
        return bool(self.status == C.QUALITY_ASSURED)

    # The workflow. Conditions live in assessments.workflow and assessments.moderation.
    @transition(field=status, source=C.NOT_STARTED, target=C.DRAFT)
    def start(self) -> None: ...

    @transition(field=status, source=C.DRAFT, target=C.SUBMITTED)
    def submit(self) -> None: ...

    @transition(field=status, source=[C.SUBMITTED, C.QUERIED], target=C.QUERIED)
    def query(self) -> None: ...

    @transition(field=status, source=C.QUERIED, target=C.SUBMITTED)
    def settle_queries(self) -> None: ...

    @transition(field=status, source=C.SUBMITTED, target=C.QUALITY_ASSURED)
    def quality_assure(self) -> None: ...

    @transition(field=status, source=C.QUALITY_ASSURED, target=C.SUBMITTED)
    def unlock(self) -> None: ...


class QuestionKind(models.TextChoices):
    KEY_QUESTION = "key_question", "Key question"
    PROMPT = "prompt", "Prompt"


# The judgements are the ratings engine's (ratings.Judgement), stored as their values.
_WORDS = {"n/a": "Not applicable"}
JUDGEMENTS = [(j.value, _WORDS.get(j.value, j.value.capitalize())) for j in Judgement]


class Answer(models.Model):
    """The answer to one prompt or key question for one case. No row: not answered."""

    case = models.ForeignKey(CaseAssessment, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(
        max_length=64, help_text="the framework's prompt or key question id"
    )
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    judgement = models.CharField(max_length=3, choices=JUDGEMENTS, blank=True)
    note = models.TextField(blank=True, help_text="the evidence for the judgement")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["case", "question_id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "question_id"], name="answer_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.question_id} {self.judgement or '(no judgement)'}"


class QueryStatus(models.TextChoices):
    OPEN = "open", "Open"
    REPLIED = "replied", "Replied"
    RESOLVED = "resolved", "Resolved"


Q = QueryStatus


class Query(FSMModelMixin, models.Model):
    """A lead inspector's question about a case, or about one of its answers."""

    case = models.ForeignKey(CaseAssessment, on_delete=models.CASCADE, related_name="queries")
    question_id = models.CharField(
        max_length=64, blank=True, help_text="the answer queried; blank: the whole case"
    )
    text = models.TextField()
    status = FSMField(max_length=16, choices=QueryStatus.choices, default=Q.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[Query]] = models.Manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["case", "opened_at", "id"]
        verbose_name_plural = "queries"

    def __str__(self) -> str:
        return f"{self.case} {self.question_id or '(case)'}: {self.text[:40]}"

    @property
    def unresolved(self) -> bool:
        return bool(self.status != Q.RESOLVED)

    @transition(field=status, source=[Q.OPEN, Q.REPLIED], target=Q.REPLIED)
    def reply(self) -> None: ...

    @transition(field=status, source=[Q.OPEN, Q.REPLIED], target=Q.RESOLVED)
    def resolve(self) -> None: ...


class QueryReply(models.Model):
    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    # The judgement the reply changed the queried answer to, if it changed it.
    changed_to = models.CharField(max_length=3, choices=JUDGEMENTS, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["query", "at", "id"]
        verbose_name_plural = "query replies"

    def __str__(self) -> str:
        return f"reply to {self.query}"
