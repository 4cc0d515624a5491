"""Planning an inspection: caseload upload, local delivery units, the draw, replacements and
assignment, each step and each refusal."""

from __future__ import annotations

import pytest

from caseload_builders import case, csv_text
from inspection_web import (
    LDUS,
    drawn_inspection,
    planned_inspection,
    synthetic_caseload_bytes,
    team,
)
from sufficiency.web.assessments.assignment import assign_balanced, assign_case
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.inspections.caseloads import choose_ldus, upload_caseload
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.inspections.lifecycle import change_framework, start_fieldwork
from sufficiency.web.inspections.models import CaseloadCase, SampledCase, Selection
from sufficiency.web.inspections.sampling import draw_samples, replace_case

pytestmark = pytest.mark.django_db


def test_a_caseload_with_bad_rows_is_refused_whole_naming_every_bad_row(framework_version) -> None:
    crew = team()
    inspection = planned_inspection(framework_version, crew)
    rows = [case("A-1"), case("A-2", gender="robot"), case("A-3", supervision_start="2019-02-30")]
    with pytest.raises(Problems) as refused:
        upload_caseload(inspection, csv_text(rows).encode(), "bad.csv", actor=crew.lead)
    found = {(p.line, p.field) for p in refused.value.problems}
    assert found == {(3, "gender"), (4, "supervision_start")}
    assert all(p.message for p in refused.value.problems)
    assert not CaseloadCase.objects.exists()
    assert AuditEvent.objects.filter(action=Action.CASELOAD_REJECTED).count() == 1


def test_a_file_that_is_no_caseload_gets_one_problem(framework_version) -> None:
    crew = team()
    inspection = planned_inspection(framework_version, crew)
    with pytest.raises(Problems) as refused:
        upload_caseload(inspection, b"name,age\nx,1\n", "people.csv", actor=crew.lead)
    assert len(refused.value.problems) == 1
    assert "case_id" in refused.value.problems[0].message


def test_the_draw_stores_one_row_per_case_and_is_reproducible_from_its_seed(
    framework_version,
) -> None:
    data = synthetic_caseload_bytes()
    first = drawn_inspection(framework_version, team("a"), seed=5, data=data)
    again = drawn_inspection(framework_version, team("b"), seed=5, data=data)

    def drawn(inspection):
        return [
            (s.sample.sample_type, s.case.case_id, s.selection, s.stratum_key)
            for s in SampledCase.objects.filter(sample__inspection=inspection).order_by(
                "sample__sample_type", "order"
            )
        ]

    assert drawn(first) == drawn(again) and drawn(first)
    sample = first.samples.get(sample_type="case_supervision")
    assert sample.seed == 5 and sample.size == sample.cases.filter(selection="sample").count()
    assert sum(s.sampled for s in sample.strata.all()) == sample.size
    assert {s.ldu.name for s in SampledCase.objects.filter(sample=sample)} <= set(LDUS)
    labels = set(sample.strata.values_list("label", flat=True))
    assert any(label.startswith("Male, community order, ") for label in labels)
    assert all("/" not in label for label in labels)
    assert CaseAssessment.objects.filter(inspection=first).count() == sum(
        s.size for s in first.samples.all()
    )


def test_ldus_must_be_ones_the_caseload_names(framework_version) -> None:
    crew = team()
    inspection = planned_inspection(framework_version, crew)
    upload_caseload(inspection, synthetic_caseload_bytes(300), "c.csv", actor=crew.lead)
    with pytest.raises(Problems) as refused:
        choose_ldus(inspection, ["Ashcombe Vale", "Nowhere Town"], actor=crew.lead)
    assert [p.message for p in refused.value.problems] == [
        "'Nowhere Town' is not a local delivery unit of the caseload"
    ]


def test_only_the_lead_draws_and_not_once_fieldwork_has_started(framework_version) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    with pytest.raises(Refused):
        draw_samples(inspection, seed=1, actor=crew.inspectors[0])
    start_fieldwork(inspection, actor=crew.lead)
    with pytest.raises(Refused, match="planning"):
        draw_samples(inspection, seed=1, actor=crew.lead)
    with pytest.raises(Refused, match="fixed"):
        change_framework(inspection, framework_version, actor=crew.lead)


def test_a_replaced_case_gives_way_to_the_next_reserve_of_its_stratum(framework_version) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    with_reserves = SampledCase.objects.filter(
        sample__inspection=inspection, selection=Selection.RESERVE
    ).values_list("stratum_key", flat=True)
    sampled = SampledCase.objects.filter(
        sample__inspection=inspection,
        selection=Selection.SAMPLED,
        stratum_key__in=list(with_reserves),
    ).first()
    expected = (
        SampledCase.objects.filter(
            sample=sampled.sample, stratum_key=sampled.stratum_key, selection=Selection.RESERVE
        )
        .order_by("order")
        .first()
    )
    with pytest.raises(Problems):
        replace_case(sampled, "  ", actor=crew.lead)
    reserve = replace_case(sampled, "in custody abroad", actor=crew.lead)
    sampled.refresh_from_db()
    assert reserve == expected and reserve.selection == Selection.SAMPLED
    assert sampled.selection == Selection.REPLACED and sampled.replaced_by == reserve
    assert sampled.replacement_reason == "in custody abroad"
    assert CaseAssessment.objects.filter(sampled_case=reserve).exists()
    assert not CaseAssessment.objects.filter(sampled_case=sampled).exists()
    event = AuditEvent.objects.get(action=Action.CASE_REPLACED)
    assert event.detail["reason"] == "in custody abroad"


def test_balanced_assignment_splits_the_cases_evenly(framework_version) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    total = CaseAssessment.objects.filter(inspection=inspection).count()
    assert assign_balanced(inspection, actor=crew.lead) == total
    counts = [
        CaseAssessment.objects.filter(inspection=inspection, assigned_to=u).count()
        for u in crew.inspectors
    ]
    assert sum(counts) == total and abs(counts[0] - counts[1]) <= 1
    outsider = team("x").inspectors[0]
    some = CaseAssessment.objects.filter(inspection=inspection).first()
    with pytest.raises(Refused, match="team"):
        assign_case(some, outsider, actor=crew.lead)
    assign_case(some, crew.inspectors[1], actor=crew.lead)
    some.refresh_from_db()
    assert some.assigned_to == crew.inspectors[1]


def test_drawing_again_in_planning_replaces_the_samples_even_after_a_replacement(
    framework_version,
) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew, seed=5)
    reserve_strata = SampledCase.objects.filter(
        sample__inspection=inspection, selection=Selection.RESERVE
    ).values_list("stratum_key", flat=True)
    sampled = SampledCase.objects.filter(
        sample__inspection=inspection,
        selection=Selection.SAMPLED,
        stratum_key__in=list(reserve_strata),
    ).first()
    replace_case(sampled, "moved abroad", actor=crew.lead)
    again = draw_samples(inspection, seed=6, actor=crew.lead)
    assert {s.seed for s in again} == {6}
    assert not SampledCase.objects.filter(
        sample__inspection=inspection, selection=Selection.REPLACED
    ).exists()
    assert CaseAssessment.objects.filter(inspection=inspection).count() == sum(
        s.size for s in again
    )


def test_size_and_window_overrides_are_drawn_and_recorded_with_their_reasons(
    framework_version,
) -> None:
    import datetime as dt

    from sufficiency.sampling.drawn import WindowOverride
    from sufficiency.web.inspections.sampling import SizeOverride

    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    with pytest.raises(Problems) as refused:
        draw_samples(
            inspection,
            seed=2,
            overrides={"case_supervision": SizeOverride(5, " ")},
            actor=crew.lead,
        )
    assert refused.value.problems[0].field == "overrides.case_supervision"
    window = WindowOverride("fieldwork moved", dt.date(2019, 5, 1), dt.date(2019, 7, 31))
    draw_samples(
        inspection,
        seed=2,
        overrides={"unpaid_work": SizeOverride(5, "a small pilot")},
        windows={"case_supervision": window},
        actor=crew.lead,
    )
    unpaid = inspection.samples.get(sample_type="unpaid_work")
    assert (unpaid.size, unpaid.size_override, unpaid.override_reason) == (5, 5, "a small pilot")
    supervision = inspection.samples.get(sample_type="case_supervision")
    assert supervision.window_override_reason == "fieldwork moved"
    assert "2019-05-01" in supervision.window and "2019-07-31" in supervision.window
