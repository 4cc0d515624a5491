"""Domain one: per standard, the evidence log (meetings, documents, survey results, each a dated
entry tagged with the standard's key questions). The inspectors' judgement with its rationale is
recorded with ``results.panel.decide``, like every rating people decide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from sufficiency.framework import RatedBy
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.permissions import acting_user, require
from sufficiency.web.results.models import EvidenceEntry, EvidenceKind, EvidenceTag
from sufficiency.web.results.panel import DECIDING, TEXT_MAX
from sufficiency.web.results.recorded import framework_of


def add_evidence(
    inspection: Inspection,
    standard_id: str,
    kind: str,
    date: dt.date | None,
    text: str,
    question_ids: Sequence[str] = (),
    *,
    actor: Actor,
) -> EvidenceEntry:
    """Add one dated piece of evidence to a domain-one standard's log."""
    require(actor, "results.record_evidence", inspection)
    if inspection.status not in DECIDING:
        raise Refused("evidence is logged from fieldwork to the ratings panel")
    user = acting_user(actor)
    if user is None:
        raise Refused("evidence is logged by a member of the team, signed in")
    framework = framework_of(inspection)
    standard = framework.standards.get(standard_id)
    text = text.strip()
    problems = []
    if standard is not None and standard.rated_by is not RatedBy.JUDGEMENT:
        standard = None
    if standard is None:
        problems.append(problem("standard_id", f"{standard_id!r} is not a domain-one standard"))
    if kind not in set(EvidenceKind.values):
        problems.append(problem("kind", "choose meeting, document or survey results"))
    if date is None:
        problems.append(problem("date", "give the date of the evidence"))
    elif date > timezone.localdate():
        problems.append(problem("date", "the date is in the future"))
    if not text:
        problems.append(problem("text", "describe the evidence"))
    elif len(text) > TEXT_MAX:
        problems.append(problem("text", f"longer than {TEXT_MAX:,} characters"))
    own = {q.id for q in standard.key_questions} if standard else set()
    problems += [
        problem("key_questions", f"{qid!r} is not a key question of standard {standard_id}")
        for qid in question_ids
        if qid not in own
    ]
    if problems or date is None:
        raise Problems("the evidence cannot be logged", problems)
    with transaction.atomic():
        entry = EvidenceEntry.objects.create(
            inspection=inspection,
            standard_id=standard_id,
            kind=kind,
            date=date,
            text=text,
            recorded_by=user,
        )
        EvidenceTag.objects.bulk_create(
            EvidenceTag(entry=entry, question_id=qid) for qid in dict.fromkeys(question_ids)
        )
        record(
            actor,
            Action.EVIDENCE_RECORDED,
            entry,
            {
                "standard": standard_id,
                "kind": kind,
                "date": date.isoformat(),
                "key_questions": list(question_ids),
            },
        )
    return entry


def evidence_log(inspection: Inspection) -> dict[str, list[EvidenceEntry]]:
    """Each domain-one standard's entries, oldest first."""
    log: dict[str, list[EvidenceEntry]] = {}
    for entry in (
        EvidenceEntry.objects.filter(inspection=inspection)
        .select_related("recorded_by")
        .prefetch_related("tags")
    ):
        log.setdefault(entry.standard_id, []).append(entry)
    return log
