"""Drawing an inspection's samples with a recorded seed, and replacing a case by a reserve.

The steps themselves are the sampling core's (eligibility, size, allocation, draw, replacement);
this module stores what they give, one row per stratum and per case, and audits it.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.inspections.caseloads import core_caseload
from sufficiency.web.inspections.errors import Problem, Problems, Refused
from sufficiency.web.inspections.models import (
    Inspection,
    InspectionStatus,
    Sample,
    SampledCase,
    SampleStratum,
    Selection,
)
from sufficiency.web.inspections.permissions import acting_user, require_lead
from sufficiency.web.inspections.strata import readable_stratum
from sufficiency.web.providers.models import LocalDeliveryUnit

SEED_LIMIT = 2**31  # a seed anyone can type back in


@dataclass(frozen=True)
class SizeOverride:
    """An explicit sample size for a sample type, replacing the calculated one, and why."""

    size: int
    reason: str


def draw_samples(
    inspection: Inspection,
    *,
    seed: int | None = None,
    overrides: Mapping[str, SizeOverride] | None = None,
    actor: Actor,
) -> list[Sample]:
    """Draw one sample per sample type of the inspection's framework from the chosen local
    delivery units' cases, with ``seed`` (a fresh random one when None; either way recorded).

    Drawing again (in planning, before any case is started) replaces the earlier samples.
    Sample types with no eligible case are left out.
    """
    from sufficiency.web.assessments.models import CaseAssessment, CaseStatus

    require_lead(actor, "inspections.manage_inspection", inspection)
    if inspection.status != InspectionStatus.PLANNING:
        raise Refused("samples are drawn in planning, before fieldwork starts")
    if not hasattr(inspection, "caseload"):
        raise Refused("upload the caseload before drawing the samples")
    if not inspection.ldus.exists():
        raise Refused("choose the local delivery units before drawing the samples")
    if (
        CaseAssessment.objects.filter(inspection=inspection)
        .exclude(status=CaseStatus.NOT_STARTED)
        .exists()
    ):
        raise Refused("cases have been assessed; the samples can no longer be drawn again")
    overrides = dict(overrides or {})
    framework = framework_services.framework_of(inspection.framework)
    rules = framework.sampling
    if rules is None:
        raise Refused(f"framework {framework.id} has no sampling rules")
    problems = [
        Problem(f"overrides.{sample_id}", "no such sample type in the framework")
        for sample_id in overrides
        if sample_id not in framework.samples
    ]
    problems += [
        Problem(f"overrides.{sample_id}", "a size override needs a reason")
        for sample_id, o in overrides.items()
        if not o.reason.strip()
    ]
    problems += [
        Problem(f"overrides.{sample_id}", "a sample size must be at least 1")
        for sample_id, o in overrides.items()
        if o.size < 1
    ]
    if seed is not None and not 0 <= seed < SEED_LIMIT:
        problems.append(
            Problem("seed", f"the seed must be a whole number from 0 to {SEED_LIMIT - 1}")
        )
    if problems:
        raise Problems("the samples cannot be drawn", problems)
    seed = secrets.randbelow(SEED_LIMIT) if seed is None else seed

    from sufficiency.sampling.draw import draw_sample
    from sufficiency.sampling.eligibility import eligible_population
    from sufficiency.sampling.size import sample_size

    caseload, cases = core_caseload(inspection)
    ldus = {ldu.name: ldu for ldu in LocalDeliveryUnit.objects.filter(inspections=inspection)}
    drawn = []
    with transaction.atomic():
        CaseAssessment.objects.filter(inspection=inspection).delete()
        inspection.samples.all().delete()
        for sample_type in rules.samples:
            population = eligible_population(caseload, sample_type, inspection.reference_date)
            if population.size == 0:
                continue
            override = overrides.get(sample_type.id)
            size = sample_size(
                population.size,
                rules.confidence,
                rules.margin_of_error,
                rules.proportion,
                override.size if override else None,
            )
            result = draw_sample(population, size, seed, rules.reserve_fraction)
            sample = Sample.objects.create(
                inspection=inspection,
                sample_type=sample_type.id,
                name=sample_type.name,
                seed=seed,
                window=population.window.describe()[:255],
                eligible=population.size,
                calculated_size=size.calculated,
                size_override=override.size if override else None,
                override_reason=override.reason.strip() if override else "",
                size=size.size,
                size_explanation="\n".join(size.explain()),
                confidence=rules.confidence,
                margin_of_error=rules.margin_of_error,
                reserve_fraction=rules.reserve_fraction,
                drawn_by=acting_user(actor),
            )
            labels = {
                plan.stratum.label: readable_stratum(population.fields, plan.stratum.key)
                for plan in result.allocation
            }
            SampleStratum.objects.bulk_create(
                SampleStratum(
                    sample=sample,
                    order=i,
                    key=plan.stratum.label,
                    label=labels[plan.stratum.label],
                    eligible=plan.stratum.size,
                    share=float(plan.share),
                    sampled=plan.sample,
                    reserves=plan.reserves,
                )
                for i, plan in enumerate(result.allocation)
            )
            selected = SampledCase.objects.bulk_create(
                SampledCase(
                    sample=sample,
                    case=cases[picked.row],
                    selection=Selection.SAMPLED
                    if picked.selection.value == "sample"
                    else Selection.RESERVE,
                    order=i,
                    stratum_key=picked.stratum,
                    stratum_label=labels[picked.stratum],
                    ldu=ldus[cases[picked.row].ldu],
                )
                for i, picked in enumerate(result.cases)
            )
            CaseAssessment.objects.bulk_create(
                CaseAssessment(sampled_case=s, inspection=inspection)
                for s in selected
                if s.selection == Selection.SAMPLED
            )
            record(
                actor,
                Action.SAMPLE_DRAWN,
                sample,
                {
                    "seed": seed,
                    "eligible": population.size,
                    "size": size.size,
                    "override": {"size": override.size, "reason": override.reason}
                    if override
                    else None,
                    "reserves": len(result.reserves),
                },
            )
            drawn.append(sample)
    return drawn


def replace_case(sampled: SampledCase, reason: str, *, actor: Actor) -> SampledCase:
    """Replace a sampled case that cannot be inspected by the next unused reserve of its
    stratum, giving the reason. Returns the reserve, now sampled. Refused once the case's
    assessment has started."""
    from sufficiency.web.assessments.models import CaseAssessment, CaseStatus

    inspection = sampled.sample.inspection
    require_lead(actor, "inspections.manage_inspection", inspection)
    if inspection.status not in (InspectionStatus.PLANNING, InspectionStatus.FIELDWORK):
        raise Refused("cases are replaced in planning or fieldwork only")
    if not reason.strip():
        raise Problems("the case cannot be replaced", [Problem("reason", "give a reason")])
    with transaction.atomic():
        sampled = SampledCase.objects.select_for_update().get(pk=sampled.pk)
        if sampled.selection != Selection.SAMPLED:
            raise Refused(f"case {sampled.case.case_id} is not a sampled case")
        assessment = CaseAssessment.objects.filter(sampled_case=sampled).first()
        if assessment is not None and assessment.status != CaseStatus.NOT_STARTED:
            raise Refused(
                f"case {sampled.case.case_id} has been assessed ({assessment.get_status_display()})"
                "; it cannot be replaced"
            )
        reserve = _next_reserve(sampled, reason)
        assigned_to = assessment.assigned_to if assessment is not None else None
        if assessment is not None:
            assessment.delete()  # not started: nothing recorded on it
        reserve.selection = Selection.SAMPLED
        reserve.save(update_fields=["selection"])
        sampled.selection = Selection.REPLACED
        sampled.replaced_by = reserve
        sampled.replacement_reason = reason.strip()
        sampled.save(update_fields=["selection", "replaced_by", "replacement_reason"])
        CaseAssessment.objects.create(
            sampled_case=reserve, inspection=inspection, assigned_to=assigned_to
        )
        record(
            actor,
            Action.CASE_REPLACED,
            sampled,
            {
                "replaced": sampled.case.case_id,
                "replacement": reserve.case.case_id,
                "stratum": sampled.stratum_label,
                "reason": reason.strip(),
            },
        )
    return reserve


def _next_reserve(sampled: SampledCase, reason: str) -> SampledCase:
    """The reserve the sampling core's replacement rule picks for a sampled case."""
    from sufficiency.sampling.draw import ReplacementError, SampleEntry
    from sufficiency.sampling.draw import Selection as CoreSelection
    from sufficiency.sampling.draw import replace_case as core_replace_case

    rows = list(
        SampledCase.objects.select_for_update()
        .filter(sample=sampled.sample)
        .select_related("case")
        .order_by("order")
    )
    entries = [
        SampleEntry(row.case.case_id, row.stratum_key, CoreSelection(row.selection)) for row in rows
    ]
    try:
        _, replacement = core_replace_case(entries, sampled.case.case_id, reason)
    except ReplacementError as exc:
        raise Refused(str(exc).replace(sampled.stratum_key, sampled.stratum_label)) from None
    return next(row for row in rows if row.case.case_id == replacement.replacement)
