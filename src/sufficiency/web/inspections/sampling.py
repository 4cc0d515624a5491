"""Drawing an inspection's samples with a recorded seed, and replacing a case by a reserve.

The steps themselves are the sampling core's (eligibility, size, allocation, draw, replacement);
this module stores what they give, one row per stratum and per case, and audits it.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from sufficiency.framework.model import SamplingConfig
from sufficiency.sampling.drawn import DrawnSample, WindowOverride
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.inspections.caseloads import core_caseload
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import (
    CaseloadCase,
    Inspection,
    InspectionStatus,
    Sample,
    SampledCase,
    SampleStratum,
    Selection,
)
from sufficiency.web.inspections.permissions import acting_user, require_lead
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
    windows: Mapping[str, WindowOverride] | None = None,
    actor: Actor,
) -> list[Sample]:
    """Draw one sample per sample type of the inspection's framework from the chosen local
    delivery units' cases (``sampling.flows.draw_inspection_samples``, as the command line does),
    with ``seed`` (a fresh random one when None; either way recorded). ``overrides`` replaces a
    sample type's calculated size and ``windows`` its eligibility window, each with a reason.

    Drawing again (in planning, before any case is started) replaces the earlier samples.
    Sample types with no eligible case are left out.
    """
    from sufficiency.sampling import flows
    from sufficiency.web.assessments.models import CaseAssessment, CaseStatus

    require_lead(actor, "inspections.manage_inspection", inspection)
    if inspection.status != InspectionStatus.PLANNING:
        raise Refused("samples are drawn in planning, before fieldwork starts")
    if not hasattr(inspection, "caseload"):
        raise Refused("upload the caseload before drawing the samples")
    ldu_names = sorted(inspection.ldus.values_list("name", flat=True))
    if not ldu_names:
        raise Refused("choose the local delivery units before drawing the samples")
    if (
        CaseAssessment.objects.filter(inspection=inspection)
        .exclude(status=CaseStatus.NOT_STARTED)
        .exists()
    ):
        raise Refused("cases have been assessed; the samples can no longer be drawn again")
    overrides = dict(overrides or {})
    framework = framework_services.framework_of(inspection.framework)
    problems = [
        problem(f"overrides.{sample_id}", "no such sample type in the framework")
        for sample_id in [*overrides, *(windows or {})]
        if sample_id not in framework.samples
    ]
    problems += [
        problem(f"overrides.{sample_id}", "a size override needs a reason")
        for sample_id, o in overrides.items()
        if not o.reason.strip()
    ]
    problems += [
        problem(f"overrides.{sample_id}", "a sample size must be at least 1", str(o.size))
        for sample_id, o in overrides.items()
        if o.size < 1
    ]
    if seed is not None and not 0 <= seed < SEED_LIMIT:
        problems.append(
            problem(
                "seed", f"the seed must be a whole number from 0 to {SEED_LIMIT - 1}", str(seed)
            )
        )
    if problems:
        raise Problems("the samples cannot be drawn", problems)
    seed = secrets.randbelow(SEED_LIMIT) if seed is None else seed

    caseload, cases = core_caseload(inspection)
    drawn: list[flows.DrawnSample] = []
    try:
        for sample_type in framework.samples:
            override = overrides.get(sample_type)
            drawn.extend(
                flows.draw_inspection_samples(
                    framework,
                    caseload,
                    inspection.reference_date,
                    seed,
                    sample_types=[sample_type],
                    ldus=ldu_names,
                    window_overrides={sample_type: windows[sample_type]}
                    if windows and sample_type in windows
                    else None,
                    size=override.size if override else None,
                )
            )
    except flows.SamplingFlowError as exc:
        raise Problems("the samples cannot be drawn", [problem("samples", str(exc))]) from None
    ldus = {ldu.name: ldu for ldu in LocalDeliveryUnit.objects.filter(inspections=inspection)}
    stored = []
    with transaction.atomic():
        CaseAssessment.objects.filter(inspection=inspection).delete()
        # A replaced case protects its replacement; the whole list goes, so unlink them first.
        SampledCase.objects.filter(sample__inspection=inspection).update(replaced_by=None)
        inspection.samples.all().delete()
        for result in drawn:
            if result.eligible == 0:
                continue
            stored.append(
                _store(inspection, result, overrides.get(result.sample_type_id), cases, ldus, actor)
            )
    return stored


def _store(
    inspection: Inspection,
    result: DrawnSample,
    override: SizeOverride | None,
    cases: Mapping[str, CaseloadCase],
    ldus: Mapping[str, LocalDeliveryUnit],
    actor: Actor,
) -> Sample:
    """One drawn sample as rows: the sample, its strata, its cases, an assessment per case."""
    from sufficiency.web.assessments.models import CaseAssessment

    rules = inspection_framework_rules(inspection)
    sample = Sample.objects.create(
        inspection=inspection,
        sample_type=result.sample_type_id,
        name=result.sample_type_name,
        seed=result.seed,
        window=result.window[:255],
        window_override_reason=result.window_override_reason or "",
        eligible=result.eligible,
        size_override=override.size if override else None,
        override_reason=override.reason.strip() if override else "",
        size=result.size,
        size_explanation="\n".join(result.size_explanation),
        confidence=rules.confidence,
        margin_of_error=rules.margin_of_error,
        reserve_fraction=result.reserve_fraction,
        drawn_by=acting_user(actor),
    )
    SampleStratum.objects.bulk_create(
        SampleStratum(
            sample=sample,
            order=i,
            key=plan.stratum,
            label=plan.label,
            eligible=plan.eligible,
            share=plan.share,
            sampled=plan.sample,
            reserves=plan.reserves,
        )
        for i, plan in enumerate(result.allocation)
    )
    selected = SampledCase.objects.bulk_create(
        SampledCase(
            sample=sample,
            case=cases[picked.case_id],
            selection=Selection(picked.selection.value),
            order=i,
            stratum_key=picked.stratum,
            stratum_label=picked.stratum_label,
            ldu=ldus[picked.ldu],
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
            "seed": result.seed,
            "ldus": list(result.ldus),
            "window": result.window,
            "window_override_reason": result.window_override_reason,
            "eligible": result.eligible,
            "size": result.size,
            "override": {"size": override.size, "reason": override.reason} if override else None,
            "reserves": sum(plan.reserves for plan in result.allocation),
        },
    )
    return sample


def inspection_framework_rules(inspection: Inspection) -> SamplingConfig:
    framework = framework_services.framework_of(inspection.framework)
    if framework.sampling is None:
        raise Refused(f"framework {framework.id} has no sampling rules")
    return framework.sampling


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
        raise Problems("the case cannot be replaced", [problem("reason", "give a reason")])
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
