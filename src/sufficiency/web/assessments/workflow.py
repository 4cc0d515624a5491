"""Submitting a case: its inspector says it is complete; an incomplete case names each missing
answer."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sufficiency.framework.problems import Problem
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.assessments.permissions import require_case_inspector
from sufficiency.web.assessments.questions import framework_of_case, required_questions
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, Refused, problem


def missing_answers(case: CaseAssessment) -> list[Problem]:
    """Each answer the case still needs before it is submitted, named by its question."""
    framework = framework_of_case(case)
    answered = set(case.answers.exclude(judgement="").values_list("question_id", flat=True))
    return [
        problem(q.id, f"{q.id} {q.text}: no judgement yet")
        for q in required_questions(
            framework, case.sampled_case.sample.sample_type, case.rosh_relevant
        )
        if q.id not in answered
    ]


def submit_case(case: CaseAssessment, *, actor: Actor) -> CaseAssessment:
    """Draft → submitted, when every required answer is given. Returns the case as stored (its
    version goes up). Problems lists each missing answer; Refused if not the case's inspector or
    not a draft."""
    require_case_inspector(case, actor)
    with transaction.atomic():
        current = CaseAssessment.objects.select_for_update().get(pk=case.pk)
        if current.status != CaseStatus.DRAFT:
            if current.status == CaseStatus.NOT_STARTED:
                raise Problems(
                    "the case cannot be submitted: nothing has been recorded",
                    missing_answers(current),
                )
            raise Refused(f"the case is {current.get_status_display().lower()}, not a draft")
        missing = missing_answers(current)
        if missing:
            raise Problems(
                f"the case cannot be submitted: {len(missing)} answer(s) missing", missing
            )
        current.submit()
        current.version = F("version") + 1
        if current.first_submitted_at is None:
            current.first_submitted_at = timezone.now()
        current.save()
        current.refresh_from_db()
        record(actor, Action.CASE_SUBMITTED, current, {"version": current.version})
    return current
