"""Live results, breakdowns, double marking, domain one and the ratings panel of a small
inspection, through the services and the API, with every refusal."""

from __future__ import annotations

import pytest
from django.test import Client

from inspection_web import user
from results_web import cases_of, in_fieldwork, record_case
from sufficiency.web.accounts.services import Role
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.results import domain_one, panel, services
from sufficiency.web.results.double_marking import save_second_answers, send_for_double_marking
from sufficiency.web.results.errors import PanelChanged

pytestmark = pytest.mark.django_db

SIZES = {"case_supervision": 14, "unpaid_work": 2, "through_the_gate": 2}
CS_QUESTIONS = ("2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.4.1", "2.4.2")


def all_yes(but: dict[str, str] | None = None) -> dict[str, str]:
    return {q: "yes" for q in CS_QUESTIONS} | (but or {})


@pytest.fixture
def small(framework_version):
    return in_fieldwork(framework_version, SIZES, rows=1500)


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def figure(ratings: dict, question: str) -> dict:
    return next(q for q in ratings["key_questions"] if q["id"] == question)


# Which cases count


def test_a_case_counts_once_submitted_and_a_draft_never(small):
    cases = cases_of(small.inspection, "case_supervision")
    api = signed_in(small.crew.lead)
    url = f"/api/inspections/{small.inspection.pk}/ratings"
    record_case(cases[0], all_yes())
    record_case(cases[1], all_yes({"2.1.1": "no"}), submit=False)  # a draft
    assert (
        figure(api.get(url).json(), "2.1.1")["yes"],
        figure(api.get(url).json(), "2.1.1")["no"],
    ) == (1, 0)
    live = services.live(small.inspection)
    assert len(live.counting.counted) == 1
    assert len(live.counting.open) == sum(SIZES.values()) - 1

    from sufficiency.web.assessments.workflow import submit_case

    submit_case(cases[1], actor=cases[1].assigned_to)
    after = figure(api.get(url).json(), "2.1.1")
    assert (after["yes"], after["no"], after["percent"]) == (1, 1, 50)


def test_only_people_who_may_see_the_inspection_get_its_results(small, framework_version):
    outsider = user("someone-else", Role.INSPECTOR)
    quality_team = user("provider-qt", Role.PROVIDER_QUALITY_TEAM)
    for person in (outsider, quality_team):
        for path in ("ratings", "answers.csv", "breakdowns?by=ldu"):
            response = signed_in(person).get(f"/api/inspections/{small.inspection.pk}/{path}")
            assert response.status_code == 404, (person, path)
    assert Client().get(f"/api/inspections/{small.inspection.pk}/ratings").status_code == 401
    teammate = signed_in(small.crew.inspectors[0])
    assert teammate.get(f"/api/inspections/{small.inspection.pk}/ratings").status_code == 200


# Group breakdowns: under 5 cases, "too few cases" everywhere


def test_breakdowns_suppress_a_group_of_4_and_show_a_group_of_5(small):
    cases = cases_of(small.inspection, "case_supervision")
    # The responsible officer was interviewed in 4 cases, and not in 5.
    for case in cases[:4]:
        record_case(case, all_yes(), interviewed=True)
    for i, case in enumerate(cases[4:9]):
        record_case(case, all_yes({"2.1.1": "no" if i < 2 else "yes"}), interviewed=False)
    record_case(cases[9], all_yes(), interviewed=True, submit=False)  # a draft: not counted
    response = signed_in(small.crew.lead).get(
        f"/api/inspections/{small.inspection.pk}/breakdowns?by=interviewed"
    )
    assert response.status_code == 200
    rows = {(r["group"], r["question"]): r for r in response.json()}
    assert rows[("Yes", "2.1.1")] == {
        "group": "Yes", "question": "2.1.1", "yes": None, "no": None, "percent": None
    }  # fmt: skip
    assert rows[("No", "2.1.1")] == {
        "group": "No",
        "question": "2.1.1",
        "yes": 3,
        "no": 2,
        "percent": 60,
    }
    by_ldu = signed_in(small.crew.lead).get(
        f"/api/inspections/{small.inspection.pk}/breakdowns?by=ldu"
    )
    assert by_ldu.status_code == 200
    assert all(r["percent"] is None for r in by_ldu.json())  # 9 cases over many LDUs: all small
    assert {r["group"] for r in by_ldu.json()} == {c.sampled_case.ldu.name for c in cases[:9]}
    by_rosh = signed_in(small.crew.lead).get(
        f"/api/inspections/{small.inspection.pk}/breakdowns?by=rosh"
    )
    words = ["low RoSH", "medium RoSH", "high RoSH", "very high RoSH"]  # the framework's, in order
    groups = list(dict.fromkeys(r["group"] for r in by_rosh.json()))
    assert groups and groups == [w for w in words if w in groups]


def test_an_unknown_grouping_is_a_clear_422(small):
    response = signed_in(small.crew.lead).get(
        f"/api/inspections/{small.inspection.pk}/breakdowns?by=shoe_size"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["problems"] == [
        {
            "source": None,
            "line": None,
            "field": "by",
            "value": "shoe_size",
            "reason": "not a grouping: use one of ldu|gender|disposal|rosh|interviewed",
        }
    ]


# The ratings panel


@pytest.fixture
def decided(small):
    """Case supervision recorded so that 2.1 is calculated Inadequate (2.1.1 at 3 of 10)."""
    cases = cases_of(small.inspection, "case_supervision")
    for i, case in enumerate(cases[:10]):
        record_case(case, all_yes({"2.1.1": "yes" if i < 3 else "no"}))
    return small


def test_a_differing_rating_without_grounds_or_reason_is_refused(decided):
    lead = decided.crew.lead
    with pytest.raises(Problems) as caught:
        panel.decide(decided.inspection, "2.1", "Requires improvement", version=1, actor=lead)
    assert [p.field for p in caught.value.problems] == ["grounds", "reason"]
    with pytest.raises(Problems) as caught:
        panel.decide(
            decided.inspection, "2.1", "Requires improvement", grounds="wider_evidence",
            reason="   ", version=1, actor=lead,
        )  # fmt: skip
    assert [p.field for p in caught.value.problems] == ["reason"]
    assert services.live(decided.inspection).result.standard("2.1").awarded_rating == "Inadequate"
    assert not AuditEvent.objects.filter(action=Action.STANDARD_DECIDED).exists()


def test_a_differing_rating_with_grounds_and_reason_is_awarded_and_both_are_kept(decided):
    lead = decided.crew.lead
    row = panel.decide(
        decided.inspection, "2.1", "requires improvement", grounds="wider_evidence",
        reason="Assessment improved markedly after the new process.", version=1, actor=lead,
    )  # fmt: skip
    assert (row.rating, row.calculated_rating, row.grounds) == (
        "Requires improvement", "Inadequate", "wider_evidence"
    )  # fmt: skip
    standard = services.live(decided.inspection).result.standard("2.1")
    assert (standard.calculated_rating, standard.awarded_rating, standard.panel_adjusted) == (
        "Inadequate", "Requires improvement", True
    )  # fmt: skip
    event = AuditEvent.objects.get(action=Action.STANDARD_DECIDED)
    assert (
        event.detail["calculated"] == "Inadequate" and event.detail["grounds"] == "wider_evidence"
    )


def test_only_the_panel_decides(decided):
    inspector = decided.crew.inspectors[0]
    with pytest.raises(Refused):
        panel.decide(decided.inspection, "1.1", "Good", reason="x", version=1, actor=inspector)


def test_a_signed_off_panel_cannot_be_changed_unseen(decided, framework_version):
    inspection, lead = decided.inspection, decided.crew.lead
    version = 1
    for sid in ("1.1", "1.2", "1.3", "1.4"):
        panel.decide(
            inspection, sid, "Good", reason="Interviews and survey.", version=version, actor=lead
        )
        version += 1
    with pytest.raises(Problems) as caught:  # standards without figures have no rating yet
        panel.sign_off(inspection, version=version, actor=lead)
    missing = {p.field for p in caught.value.problems}
    assert missing == {"4.1", "4.2"}  # no unpaid work or Through the Gate case recorded yet
    for sid in sorted(missing):
        panel.decide(
            inspection, sid, "Good", grounds="other", reason="No cases yet: set for the test.",
            version=version, actor=lead,
        )  # fmt: skip
        version += 1
    signed = panel.sign_off(inspection, version=version, actor=lead)
    assert signed.signed_off and signed.signed_off_result["overall"] is not None

    # Signed off: no change, whatever version is named.
    with pytest.raises(Refused, match="signed off"):
        panel.decide(
            inspection, "1.1", "Outstanding", reason="x", version=signed.version, actor=lead
        )
    # A change made from an old page is refused, not applied.
    with pytest.raises(PanelChanged):
        panel.reopen(inspection, "New evidence on 1.1.", version=signed.version - 1, actor=lead)
    with pytest.raises(Problems):
        panel.reopen(inspection, "  ", version=signed.version, actor=lead)
    reopened = panel.reopen(inspection, "New evidence on 1.1.", version=signed.version, actor=lead)
    assert not reopened.signed_off
    assert [r.reason for r in reopened.reopenings.all()] == ["New evidence on 1.1."]
    assert AuditEvent.objects.filter(action=Action.PANEL_REOPENED).get().detail["reason"] == (
        "New evidence on 1.1."
    )
    panel.decide(
        inspection,
        "1.1",
        "Outstanding",
        reason="Exceptional.",
        version=reopened.version,
        actor=lead,
    )
    assert services.live(inspection).result.standard("1.1").awarded_rating == "Outstanding"


def test_a_decision_made_against_an_old_calculation_is_flagged_and_blocks_sign_off(decided):
    inspection, lead = decided.inspection, decided.crew.lead
    panel.decide(inspection, "2.1", "Inadequate", version=1, actor=lead)  # confirms
    cases = cases_of(inspection, "case_supervision")
    for case in cases[10:14]:
        record_case(case, all_yes())  # 7 of 14 → 50%: now Requires improvement
    assert services.live(inspection).stale() == ["2.1"]


# Domain one


def test_domain_one_evidence_is_logged_per_standard_and_refused_elsewhere(small):
    import datetime as dt

    lead, inspector = small.crew.lead, small.crew.inspectors[0]
    entry = domain_one.add_evidence(
        small.inspection, "1.2", "survey", dt.date(2019, 12, 1), "Staff survey: 61% feel supported.",
        actor=inspector,
    )  # fmt: skip
    assert domain_one.evidence_log(small.inspection) == {"1.2": [entry]}
    with pytest.raises(Problems) as caught:
        domain_one.add_evidence(small.inspection, "2.1", "gossip", None, "", ["2.1.1"], actor=lead)
    assert [p.field for p in caught.value.problems] == [
        "standard_id",
        "kind",
        "date",
        "text",
        "key_questions",
    ]
    with pytest.raises(Problems) as caught:
        panel.decide(small.inspection, "1.2", "Good", version=1, actor=lead)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("reason", "give the rationale for the judgement")
    ]


# Double marking


def test_double_marking_gives_agreement_and_kappa_per_key_question(small):
    cases = cases_of(small.inspection, "case_supervision")
    lead = small.crew.lead
    for case in cases[:4]:
        record_case(case, all_yes({"2.1.1": "yes" if case in cases[:2] else "no"}))
    for case in cases[:4]:
        other = next(p for p in small.crew.inspectors if p.pk != case.assigned_to_id)
        marking = send_for_double_marking(case, other, actor=lead)
        save_second_answers(marking, {"2.1.1": "yes", "2.1.2": "yes"}, actor=other)
    rows = services.agreement(small.inspection, actor=lead)
    first = next(r for r in rows if r.question_id == "2.1.1")
    assert sum(r.cases for r in rows if r.question_id == "2.1.1") == 4
    assert sum(r.agreed for r in rows if r.question_id == "2.1.1") == 2
    assert {d.case_id for r in rows for d in r.disagreements} == {
        c.sampled_case.case.case_id for c in cases[2:4]
    }
    assert first.inspectors[0] < first.inspectors[1]
    # The counted answers are still the first inspector's.
    assert services.live(small.inspection).result.key_question("2.1.1").no == 2
    # Nobody but the lead sees both inspectors' answers side by side.
    with pytest.raises(Refused):
        services.agreement(small.inspection, actor=small.crew.inspectors[0])


def test_a_second_marker_must_be_another_inspector_and_only_they_record(small):
    cases = cases_of(small.inspection, "case_supervision")
    lead = small.crew.lead
    record_case(cases[0], all_yes())
    own = cases[0].assigned_to
    with pytest.raises(Problems, match="cannot be sent"):
        send_for_double_marking(cases[0], own, actor=lead)
    with pytest.raises(Refused, match="submitted"):
        send_for_double_marking(cases[1], own, actor=lead)
    other = next(p for p in small.crew.inspectors if p.pk != own.pk)
    marking = send_for_double_marking(cases[0], other, actor=lead)
    with pytest.raises(Refused):
        save_second_answers(marking, {"2.1.1": "no"}, actor=own)
    with pytest.raises(Problems):
        save_second_answers(marking, {"9.9.9": "no", "2.1.1": "maybe"}, actor=other)


def test_the_lead_may_count_the_second_answer_instead_and_it_is_audited(small):
    from sufficiency.web.results.double_marking import adopt_second_answer

    cases = cases_of(small.inspection, "case_supervision")
    lead = small.crew.lead
    record_case(cases[0], all_yes())
    other = next(p for p in small.crew.inspectors if p.pk != cases[0].assigned_to_id)
    marking = send_for_double_marking(cases[0], other, actor=lead)
    save_second_answers(marking, {"2.1.1": "no"}, actor=other)
    version = type(cases[0]).objects.get(pk=cases[0].pk).version
    with pytest.raises(Refused):
        adopt_second_answer(marking, "2.1.1", actor=other)
    with pytest.raises(Problems, match="cannot be adopted"):
        adopt_second_answer(marking, "2.1.2", actor=lead)
    adopt_second_answer(marking, "2.1.1", actor=lead)
    assert services.live(small.inspection).result.key_question("2.1.1").no == 1
    assert type(cases[0]).objects.get(pk=cases[0].pk).version == version + 1  # no unseen save
    event = AuditEvent.objects.get(action=Action.SECOND_ANSWER_ADOPTED)
    assert event.detail == {
        "question": "2.1.1",
        "from": "yes",
        "to": "no",
        "second_marker": other.username,
    }


def test_the_workbook_holds_every_table_as_the_pages_do_and_no_formula(small):
    import io

    from python_calamine import CalamineWorkbook

    cases = cases_of(small.inspection, "case_supervision")
    for i, case in enumerate(cases[:5]):
        record_case(case, all_yes({"2.1.1": "no" if i < 2 else "yes"}), interviewed=i < 4)
    from sufficiency.web.results import panel as the_panel

    the_panel.decide(
        small.inspection, "1.1", "Good", reason="=HYPERLINK(\"http://x.invalid\")", version=1,
        actor=small.crew.lead,
    )  # fmt: skip
    response = signed_in(small.crew.lead).get(
        f"/api/inspections/{small.inspection.pk}/results.xlsx"
    )
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == [
        "Key questions", "Prompts", "Standards", "Overall", "By local delivery unit", "By gender",
        "By disposal", "By RoSH level", "By RO interviewed", "Cases",
    ]  # fmt: skip
    rows = book.get_sheet_by_name("Key questions").to_python()
    kq = next(r for r in rows if r[0] == "2.1.1")
    assert kq[2:5] == [3, 2, 0] and kq[6] == 60
    standards = book.get_sheet_by_name("Standards").to_python()
    assert next(r for r in standards if r[0] == "1.1")[-1] == '\'=HYPERLINK("http://x.invalid")'
    interviewed = book.get_sheet_by_name("By RO interviewed").to_python()
    assert ["Yes", "2.1.1", "", "", "too few cases"] in interviewed  # 4 cases
    assert ["No", "2.1.1", "", "", "too few cases"] in interviewed  # 1 case
    assert AuditEvent.objects.filter(
        action=Action.RESULTS_EXPORTED, detail__file="results.xlsx"
    ).exists()
