"""The results pages: live results, consistency, domain one and the ratings panel, as their users
see them, with the panel's refusals shown on the page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from results_web import cases_of, in_fieldwork, record_case
from sufficiency.web.results import services
from sufficiency.web.results.double_marking import send_for_double_marking

pytestmark = pytest.mark.django_db

SIZES = {"case_supervision": 10, "unpaid_work": 1, "through_the_gate": 1}
CS_QUESTIONS = ("2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.4.1", "2.4.2")


def all_yes(but: dict[str, str] | None = None) -> dict[str, str]:
    return {q: "yes" for q in CS_QUESTIONS} | (but or {})


@pytest.fixture
def small(framework_version):
    built = in_fieldwork(framework_version, SIZES, rows=1500)
    cases = cases_of(built.inspection, "case_supervision")
    for i, case in enumerate(cases[:4]):
        record_case(
            case,
            all_yes(
                {"2.1.1": "yes" if i < 1 else "no"},
            )
            | {"2.1.1.a": "yes"},
        )
    return built


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_live_results_show_figures_and_change_when_a_case_is_submitted(small):
    page = signed_in(small.crew.lead)
    url = f"/inspections/{small.inspection.pk}/results/"
    before = text(page.get(url))
    assert "<strong>4</strong> cases counted" in before
    assert 'data-question="2.1.1">25% <span class="govuk-body-s">of 4</span>' in before
    assert "Prompt 2.1.1.a" in before and "A case counts once it has been submitted" in before
    record_case(cases_of(small.inspection, "case_supervision")[4], all_yes())
    after = text(page.get(url))
    assert "<strong>5</strong> cases counted" in after
    assert 'data-question="2.1.1">40% <span class="govuk-body-s">of 5</span>' in after


def test_a_breakdown_on_the_page_says_too_few_cases(small):
    page = text(
        signed_in(small.crew.lead).get(f"/inspections/{small.inspection.pk}/results/?by=gender")
    )
    assert "by gender" in page and "too few cases" in page
    bad = signed_in(small.crew.lead).get(f"/inspections/{small.inspection.pk}/results/?by=nonsense")
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()


def test_someone_outside_the_inspection_gets_404_and_an_inspector_no_panel(
    small, framework_version
):
    from inspection_web import user
    from sufficiency.web.accounts.services import Role

    outsider = signed_in(user("outsider", Role.LEAD_INSPECTOR))
    assert outsider.get(f"/inspections/{small.inspection.pk}/results/").status_code == 404
    inspector = signed_in(small.crew.inspectors[0])
    assert inspector.get(f"/inspections/{small.inspection.pk}/results/").status_code == 200
    assert (
        inspector.get(f"/inspections/{small.inspection.pk}/results/consistency/").status_code == 403
    )
    assert (
        inspector.get(f"/inspections/{small.inspection.pk}/results/panel/2.1/").status_code == 403
    )
    assert "Decide" not in text(inspector.get(f"/inspections/{small.inspection.pk}/results/panel/"))


def test_the_panel_page_refuses_a_differing_rating_without_grounds_and_reason(small):
    page = signed_in(small.crew.lead)
    url = f"/inspections/{small.inspection.pk}/results/panel/2.1/"
    assert "Inadequate" in text(page.get(url))  # 2.1.1 at 25%
    refused = page.post(url, {"rating": "Good", "grounds": "", "reason": "", "version": "1"})
    body = text(refused)
    assert refused.status_code == 200 and "There is a problem" in body
    assert "choose the grounds" in body and "give the reason for the report" in body
    assert services.live(small.inspection).result.standard("2.1").awarded_rating == "Inadequate"
    accepted = page.post(
        url,
        {
            "rating": "Requires improvement",
            "grounds": "marginal",
            "reason": "Few cases so far.",
            "version": "1",
        },
    )
    assert accepted.status_code == 302
    panel = text(page.get(f"/inspections/{small.inspection.pk}/results/panel/"))
    assert "Marginal result from few cases: Few cases so far." in panel and "Adjusted" in panel


def test_signing_off_locks_the_page_and_reopening_needs_a_reason(small):
    page = signed_in(small.crew.lead)
    base = f"/inspections/{small.inspection.pk}/results"
    version = 1
    for sid in ("1.1", "1.2", "1.3", "1.4"):
        assert (
            page.post(
                f"{base}/panel/{sid}/",
                {"rating": "Good", "reason": "Seen on site.", "version": version},
            ).status_code
            == 302
        )
        version += 1
    for sid in ("4.1", "4.2"):  # no cases recorded in these samples: the panel rates them
        page.post(
            f"{base}/panel/{sid}/",
            {
                "rating": "Good",
                "grounds": "other",
                "reason": "Set for the test.",
                "version": version,
            },
        )
        version += 1
    stale = page.post(f"{base}/panel/", {"action": "sign_off", "version": version - 1})
    assert "has changed since you opened it" in text(stale)
    signed = page.post(f"{base}/panel/", {"action": "sign_off", "version": version})
    assert signed.status_code == 302
    body = text(page.get(f"{base}/panel/"))
    assert "Signed off by" in body and "Reopen the ratings" in body and "Decide" not in body
    refused = page.post(
        f"{base}/panel/1.1/", {"rating": "Outstanding", "reason": "x", "version": version + 1}
    )
    assert "the panel has signed off" in text(refused)
    no_reason = page.post(
        f"{base}/panel/", {"action": "reopen", "reason": "", "version": version + 1}
    )
    assert "There is a problem" in text(no_reason)
    reopened = page.post(
        f"{base}/panel/", {"action": "reopen", "reason": "Late evidence.", "version": version + 1}
    )
    assert reopened.status_code == 302
    assert "Late evidence." in text(page.get(f"{base}/panel/"))


def test_domain_one_page_logs_evidence_and_shows_the_judgement(small):
    page = signed_in(small.crew.lead)
    base = f"/inspections/{small.inspection.pk}/results"
    added = page.post(
        f"{base}/domain-one/",
        {
            "standard_id": "1.3",
            "kind": "meeting",
            "date": "2019-12-02",
            "text": "Met the partnerships lead.",
        },
    )
    assert added.status_code == 302
    page.post(
        f"{base}/panel/1.3/",
        {"rating": "Requires improvement", "reason": "Gaps in services.", "version": 1},
    )
    body = text(page.get(f"{base}/domain-one/"))
    assert "Met the partnerships lead." in body and "Gaps in services." in body
    missing = page.post(
        f"{base}/domain-one/", {"standard_id": "1.3", "kind": "meeting", "date": "", "text": ""}
    )
    assert "There is a problem" in text(missing)


def test_consistency_page_and_second_marking_page(small):
    lead = small.crew.lead
    case = cases_of(small.inspection, "case_supervision")[0]
    other = next(p for p in small.crew.inspectors if p.pk != case.assigned_to_id)
    marking = send_for_double_marking(case, other, actor=lead)
    second = signed_in(other)
    url = f"/inspections/{small.inspection.pk}/results/second-marking/{marking.pk}/"
    form = text(second.get(url))
    assert "2.1.1" in form and "first inspector's answers are not shown" in form
    assert second.post(url, {"2.1.1": "no", "2.1.2": "yes"}).status_code == 302
    assert signed_in(case.assigned_to).get(url).status_code == 403
    lead_page = signed_in(lead)
    consistency = f"/inspections/{small.inspection.pk}/results/consistency/"
    body = text(lead_page.get(consistency))
    assert "Agreement per key question" in body and case.sampled_case.case.case_id in body
    assert f"Count {other.username}'s answer" in body  # 2.1.1: first yes, second no
    adopted = lead_page.post(
        consistency, {"action": "adopt", "marking": marking.pk, "question": "2.1.1"}
    )
    assert adopted.status_code == 302
    assert f"2.1.1 now counts {other.username}" in text(lead_page.get(consistency))
