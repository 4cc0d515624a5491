"""The planning pages of an inspection in a real browser, each checked with axe-core: providers,
setting up an inspection, the caseload (refused, then stored), LDUs, the draw and its tables, a
sample's cases, replacing a case, assigning cases, progress, and the account page's tokens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from caseload_builders import case, csv_text
from inspection_web import synthetic_caseload_bytes
from sufficiency.web.accounts.services import Role
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.providers.models import Provider

pytestmark = pytest.mark.browser
Person = Callable[[Role], tuple[User, str]]


def test_a_manager_keeps_the_providers(browser_page: Any, person: Person) -> None:
    manager, password = person(Role.INSPECTION_MANAGER)
    browser_page.sign_in(manager.username, password)
    page = browser_page.page
    page.get_by_role("link", name="Providers").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Providers")
    browser_page.check()
    page.get_by_role("button", name="Add a provider").click()
    page.get_by_role("button", name="Save the provider").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the provider's name")
    browser_page.check()
    page.get_by_label("Name").fill("Fenbridge Community Rehabilitation Company")
    page.get_by_label("Community Rehabilitation Company").check()
    page.get_by_label("Local delivery units").fill("Ashcombe Vale\nBrackenmoor")
    page.get_by_role("button", name="Save the provider").click()
    expect(page.get_by_role("table")).to_contain_text("Ashcombe Vale, Brackenmoor")
    browser_page.check()
    page.get_by_role("link", name="Fenbridge Community Rehabilitation Company").click()
    expect(page.get_by_label("Local delivery units")).to_have_value("Ashcombe Vale\nBrackenmoor")
    browser_page.check()


def test_a_lead_plans_an_inspection_page_by_page(
    browser_page: Any, person: Person, tmp_path: Path
) -> None:
    (outcome,) = framework_services.load_builtin()
    Provider.objects.create(name="Fenbridge Community Rehabilitation Company", kind="crc")
    lead, password = person(Role.LEAD_INSPECTOR)
    inspector, _ = person(Role.INSPECTOR)
    browser_page.sign_in(lead.username, password)
    page = browser_page.page
    page.get_by_role("link", name="Inspections").first.click()
    browser_page.check()
    page.get_by_role("button", name="Set up an inspection").click()
    page.get_by_role("button", name="Create the inspection").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the provider")
    browser_page.check()
    page.get_by_label("Provider").select_option(label="Fenbridge Community Rehabilitation Company")
    page.get_by_label("HMIP inspection").check()
    page.get_by_label("Framework version").select_option(str(outcome.version.pk))
    page.get_by_label("Reference date").fill("2020-01-06")
    page.get_by_label(inspector.username).check()
    page.get_by_role("button", name="Create the inspection").click()
    expect(page.get_by_role("button", name="Start fieldwork")).to_be_visible()
    browser_page.check()
    inspection = Inspection.objects.get()

    # A caseload with a bad row: nothing stored, each problem named.
    bad = tmp_path / "caseload.csv"
    bad.write_text(csv_text([case("A-1"), case("A-2", gender="robot")]), encoding="utf-8")
    page.get_by_role("link", name="Upload the caseload").click()
    browser_page.check()
    page.get_by_label("Upload the caseload").set_input_files(str(bad))
    page.get_by_role("button", name="Check and store the caseload").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 3, column gender")
    expect(summary.get_by_role("link", name="Download every problem as CSV")).to_be_visible()
    browser_page.check()
    good = tmp_path / "synthetic.csv"
    good.write_bytes(synthetic_caseload_bytes())
    page.get_by_label("Upload the caseload").set_input_files(str(good))
    page.get_by_role("button", name="Check and store the caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose the local delivery units")
    browser_page.check()
    for box in page.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Save the local delivery units").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samples")
    browser_page.check()
    page.get_by_label("Seed (optional)").fill("4242")
    page.get_by_role("button", name="Draw the samples").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("seed 4242")
    expect(page.get_by_role("table").first).to_contain_text("RoSH")
    browser_page.check()
    page.get_by_role("link", name="cases and reserves").first.click()
    browser_page.check()
    page.get_by_role("link", name="Replace").first.click()
    page.get_by_role("button", name="Replace the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reason")
    browser_page.check()
    page.get_by_label("Why can this case not be inspected?").fill("in custody")
    page.get_by_role("button", name="Replace the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("replaced by reserve")
    browser_page.check()

    browser_page.goto(f"/inspections/{inspection.pk}/assign/")
    page.get_by_role("button", name="Assign evenly").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("assigned evenly")
    browser_page.check()
    browser_page.goto(f"/inspections/{inspection.pk}/")
    page.get_by_role("button", name="Start fieldwork").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("now in fieldwork")
    browser_page.check()
    page.get_by_role("link", name="Progress of the case assessments").click()
    expect(page.get_by_role("table").first).to_contain_text("Not started")
    browser_page.check()
    browser_page.goto(f"/inspections/{inspection.pk}/team/")
    browser_page.check()


def test_an_inspector_makes_and_revokes_an_api_token(browser_page: Any, person: Person) -> None:
    inspector, password = person(Role.INSPECTOR)
    browser_page.sign_in(inspector.username, password)
    page = browser_page.page
    page.get_by_role("link", name="Your account and API tokens").click()
    browser_page.check()
    page.get_by_label("What is the token for?").fill("moderation script")
    page.get_by_role("button", name="Create a token").click()
    expect(page.locator("#new-token")).to_contain_text("suff_")
    browser_page.check()
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("table")).to_contain_text("You have no live tokens")
    browser_page.check()
    page.get_by_role("link", name="My cases").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    browser_page.check()
