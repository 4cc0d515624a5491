"""Build inspections with recorded, submitted cases for the results tests: the shared Essex
report rebuilt case by case through the inspection workflow's own services, and small ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User

from inspection_web import (
    Team,
    planned_inspection,
    synthetic_caseload_bytes,
    team,
)
from sufficiency.framework import Framework
from sufficiency.ratings import whole_percent
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.assignment import assign_balanced
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.caseloads import caseload_ldus, choose_ldus, upload_caseload
from sufficiency.web.inspections.lifecycle import start_fieldwork
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.sampling import SizeOverride, draw_samples

ROSH_SUBSAMPLE = 70  # an invented relevant sub-sample of Essex's 100 case supervision cases


def yes_count(percent: int, answered: int) -> int | None:
    return next((k for k in range(answered + 1) if whole_percent(k, answered) == percent), None)


def figures(percent: int, answered: int) -> tuple[int, int]:
    """(yes, answered): the published sample size, or the nearest smaller one giving the
    published whole percent (not every percent can come from every sample size)."""
    for n in range(answered, 0, -1):
        k = yes_count(percent, n)
        if k is not None:
            return k, n
    raise AssertionError(f"no sample size up to {answered} gives {percent}%")


@dataclass
class Recorded:
    inspection: Inspection
    crew: Team
    framework: Framework


def cases_of(inspection: Inspection, sample: str) -> list[CaseAssessment]:
    return list(
        CaseAssessment.objects.filter(
            inspection=inspection, sampled_case__sample__sample_type=sample
        )
        .select_related("sampled_case__sample", "inspection", "assigned_to")
        .order_by("sampled_case__order")
    )


def in_fieldwork(
    version: FrameworkVersion, sizes: Mapping[str, int], *, prefix: str = "r", rows: int = 3000
) -> Recorded:
    """An inspection of every LDU of a synthetic caseload, samples of exactly ``sizes``."""
    crew = team(prefix)
    inspection = planned_inspection(version, crew)
    upload_caseload(inspection, synthetic_caseload_bytes(rows), "caseload.csv", actor=crew.lead)
    choose_ldus(inspection, [name for name, _ in caseload_ldus(inspection)], actor=crew.lead)
    overrides = {s: SizeOverride(n, "the published report's sample size") for s, n in sizes.items()}
    draw_samples(inspection, seed=3, overrides=overrides, actor=crew.lead)
    assign_balanced(inspection, actor=crew.lead)
    start_fieldwork(inspection, actor=crew.lead)
    inspection.refresh_from_db()
    return Recorded(inspection, crew, framework_services.framework_of(version))


def record_case(
    case: CaseAssessment,
    answers: Mapping[str, str],
    *,
    rosh: bool = False,
    submit: bool = True,
    interviewed: bool | None = None,
) -> CaseAssessment:
    """The case's inspector answers it (and submits it), through the workflow's services."""
    inspector: User = case.assigned_to  # type: ignore[assignment]
    saved = save_case(
        case,
        CaseChanges(
            answers={qid: AnswerChange(j) for qid, j in answers.items()},
            rosh_relevant=rosh,
            ro_interviewed=interviewed,
        ),
        version=case.version,
        actor=inspector,
    )
    return submit_case(saved, actor=inspector) if submit else saved


def essex(version: FrameworkVersion, expected: dict) -> Recorded:
    """The Essex CRC 2018 report as recorded cases: each key question answered yes, no or not
    applicable so that its percentage is the published one, every case submitted."""
    built = in_fieldwork(version, expected["samples"], prefix="essex")
    framework = built.framework
    by_sample = {s: cases_of(built.inspection, s) for s in expected["samples"]}
    rosh = {c.pk for c in by_sample["case_supervision"][:ROSH_SUBSAMPLE]}
    plan: dict[int, dict[str, str]] = {c.pk: {} for cases in by_sample.values() for c in cases}
    for kq in expected["key_questions"]:
        question = framework.key_questions[kq["id"]]
        sample = by_sample[framework.standard_of[question.id].sample or ""]
        asked = [c for c in sample if c.pk in rosh or not question.relevant_subsample_only]
        yes, answered = figures(kq["percent_yes"], len(asked))
        for i, case in enumerate(asked):
            plan[case.pk][question.id] = "yes" if i < yes else ("no" if i < answered else "n/a")
    for cases in by_sample.values():
        for case in cases:
            record_case(case, plan[case.pk], rosh=case.pk in rosh)
    return built
