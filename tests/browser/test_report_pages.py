"""The lead reads the report page of a completed inspection, is refused a practice example that
names a case (the error says where), and sends the draft for the factual accuracy check; the
provider's quality team member comments on a paragraph. Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from report_web import completed_inspection
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.frameworks import services as framework_services

pytestmark = pytest.mark.browser


def test_the_report_page_its_narrative_and_the_factual_accuracy_check(
    browser_page: Any, transactional_db: None
) -> None:
    (outcome,) = framework_services.load_builtin()
    done = completed_inspection(outcome.version, prefix="fenrep")
    inspection, lead = done.inspection, done.recorded.crew.lead
    _, password = create_or_reset_user(lead.username, Role.LEAD_INSPECTOR)
    browser_page.sign_in(lead.username, password)
    page = browser_page.page
    base = f"/inspections/{inspection.pk}/report"

    browser_page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The report")
    expect(page.locator("#report-status")).to_contain_text("Draft")
    browser_page.check()
    # The report is a standalone document with no icon link: the browser's own /favicon.ico
    # request would show as a console error, so it is answered here.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.get_by_role("link", name="Read the report (HTML)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(inspection.provider.name)
    browser_page.check()  # the report itself, as the core writes it
    page.go_back()

    page.get_by_role("link", name="Practice examples").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice examples")
    browser_page.check()
    page.get_by_label("Title").fill("Named by mistake")
    case_id = done.flagged.sampled_case.case.case_id
    page.get_by_label("The example (no case identifier or name)").fill(f"Case {case_id} went well.")
    page.get_by_role("button", name="Add the practice example").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("practice example 2")
    browser_page.check()

    page.get_by_role("link", name="The report", exact=True).click()
    page.get_by_role("link", name="Foreword and overall findings").click()
    expect(page.get_by_label("Foreword")).to_have_value(
        "We inspected the service over two weeks.\n\nWe thank its staff."
    )
    browser_page.check()
    page.get_by_role("link", name="The report", exact=True).click()
    page.get_by_role(
        "button", name="Send the draft to the provider for the factual accuracy check"
    ).click()
    expect(page.locator("#report-status")).to_contain_text("Factual accuracy check")
    browser_page.check()

    member, member_password = create_or_reset_user("fenrep-quality", Role.PROVIDER_QUALITY_TEAM)
    inspection.provider.quality_team_members.add(member)
    page.get_by_role("button", name="Sign out").click()
    browser_page.sign_in(member.username, member_password)
    browser_page.goto(f"{base}/factual-accuracy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Factual accuracy check")
    page.get_by_label("Paragraph").select_option("standard-2.1-key-findings-1")
    page.get_by_label("Your comment").fill("The review dates are wrong.")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("The review dates are wrong.")).to_be_visible()
    browser_page.check()
