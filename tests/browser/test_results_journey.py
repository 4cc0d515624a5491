"""The lead watches live results move as a case is submitted; the panel records a decision
(refused first without grounds and reason) and signs off. Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from results_web import cases_of, in_fieldwork, record_case
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.results import panel

pytestmark = pytest.mark.browser

SIZES = {"case_supervision": 8, "unpaid_work": 1, "through_the_gate": 1}
CS_QUESTIONS = ("2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.4.1", "2.4.2")


def test_live_results_then_the_panel_decides_and_signs_off(
    browser_page: Any, transactional_db: None
) -> None:
    (outcome,) = framework_services.load_builtin()
    built = in_fieldwork(outcome.version, SIZES, prefix="fen", rows=1500)
    inspection, lead = built.inspection, built.crew.lead
    cases = cases_of(inspection, "case_supervision")
    for i, case in enumerate(cases[:4]):
        record_case(case, {q: "yes" for q in CS_QUESTIONS} | {"2.1.1": "yes" if i == 0 else "no"})
    _, password = create_or_reset_user(lead.username, Role.LEAD_INSPECTOR)
    browser_page.sign_in(lead.username, password)
    page = browser_page.page
    base = f"/inspections/{inspection.pk}/results"

    browser_page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Live results")
    figure = page.locator('[data-question="2.1.1"]')
    expect(figure).to_contain_text("25%")
    browser_page.check()

    record_case(cases[4], {q: "yes" for q in CS_QUESTIONS})  # a new submitted case
    page.reload()
    expect(figure).to_contain_text("40%")
    page.get_by_label("Break the figures down by").select_option("gender")
    page.get_by_role("button", name="Show the breakdown").click()
    expect(page.get_by_text("too few cases").first).to_be_visible()
    browser_page.check()

    version = 1
    for sid in ("1.1", "1.2", "1.3", "1.4"):
        panel.decide(inspection, sid, "Good", reason="Seen on site.", version=version, actor=lead)
        version += 1
    for sid in ("4.1", "4.2"):
        panel.decide(
            inspection,
            sid,
            "Good",
            grounds="other",
            reason="Set for the test.",
            version=version,
            actor=lead,
        )
        version += 1

    page.get_by_role("link", name="Ratings panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ratings panel")
    browser_page.check()
    page.get_by_role("link", name="Decide 2.1 Assessment").click()
    page.get_by_label("Awarded rating").select_option("Requires improvement")
    page.get_by_role("button", name="Record the rating").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("choose the grounds")
    browser_page.check()
    page.get_by_label("Grounds").select_option("marginal")
    page.get_by_label("Reason").fill("Marginal: 40% of five cases.")
    page.get_by_role("button", name="Record the rating").click()
    expect(page.locator("#panel")).to_contain_text(
        "Marginal result from few cases: Marginal: 40% of five cases."
    )
    page.get_by_role("button", name="Sign off the ratings").click()
    expect(page.get_by_text("The ratings are signed off and locked")).to_be_visible()
    expect(page.locator("#overall")).to_contain_text("Overall rating")
    browser_page.check()

    for name in ("Domain one", "Consistency between inspectors"):
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name.split(" ")[0])
        browser_page.check()
