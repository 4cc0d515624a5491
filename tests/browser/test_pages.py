"""Journeys through the service in a real browser; every page is checked with axe-core.

``browser_page`` (conftest.py) fails a test on any WCAG 2.0/2.1/2.2 A or AA violation that
axe-core finds, and on any console error (a Content-Security-Policy violation shows as one).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from sufficiency.web.accounts.services import Role
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.published.models import PublishedReport

pytestmark = pytest.mark.browser
Person = Callable[[Role], tuple[User, str]]


def test_start_page_and_sign_in_with_an_error_first(browser_page: Any, person: Person) -> None:
    user, password = person(Role.INSPECTOR)
    page = browser_page.page
    browser_page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sufficiency")
    browser_page.check()

    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Username")).to_be_visible()
    browser_page.check()

    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("wrong password, on purpose")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct username and password")
    browser_page.check()

    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/home/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    browser_page.check()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(browser_page.base_url + "/")


def test_browse_the_framework_down_to_the_prompts(browser_page: Any, person: Person) -> None:
    framework_services.load_builtin()
    browser_page.sign_in(*_credentials(person(Role.PROVIDER_QUALITY_TEAM)))
    page = browser_page.page
    page.get_by_role("link", name="Frameworks").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frameworks")
    browser_page.check()

    page.get_by_role("link", name="HM Inspectorate of Probation standards framework").click()
    expect(page.get_by_role("heading", name="Domain 2: Case supervision")).to_be_visible()
    browser_page.check()

    page.get_by_role("link", name="2.2 Planning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2.2 Planning")
    expect(
        page.get_by_text("Does planning focus sufficiently on keeping other people safe?")
    ).to_be_visible()
    browser_page.check()


def test_upload_a_published_report_and_see_its_checks(
    browser_page: Any, person: Person, shared_dir: Path
) -> None:
    framework_services.load_builtin()
    browser_page.sign_in(*_credentials(person(Role.INSPECTOR)))
    page = browser_page.page
    page.get_by_role("link", name="Published reports").first.click()
    browser_page.check()
    page.get_by_role("button", name="Add a published report").click()
    browser_page.check()

    page.get_by_role("button", name="Read and store the report").click()  # no file chosen
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a report file")
    browser_page.check()

    report = shared_dir / "published" / "essex-crc-2018.txt"
    page.get_by_label("Upload a published report").set_input_files(str(report))
    page.get_by_role("button", name="Read and store the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Essex Community Rehabilitation Company"
    )
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Report stored")
    expect(page.get_by_text("Ratings panel").first).to_be_visible()
    browser_page.check()
    assert PublishedReport.objects.count() == 1

    # The same file again: one record, and the page says so.
    page.get_by_role("link", name="Published reports").first.click()
    page.get_by_role("button", name="Add a published report").click()
    page.get_by_label("Upload a published report").set_input_files(str(report))
    page.get_by_role("button", name="Read and store the report").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("already stored")
    assert PublishedReport.objects.count() == 1


def _credentials(made: tuple[User, str]) -> tuple[str, str]:
    user, password = made
    return user.username, password


def test_the_accessibility_check_catches_a_violation(browser_page: Any) -> None:
    """The axe-core check is real: an image without alternative text fails it."""
    browser_page.goto("/")
    browser_page.page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"/static/govuk/assets/images/favicon.svg\">')"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        browser_page.check()


def test_benchmark_inspection_and_audit_pages(browser_page: Any, person: Person) -> None:
    """The demo workspace as a manager sees it: benchmark with its chart, demo inspection,
    audit log."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    browser_page.sign_in(*_credentials(person(Role.INSPECTION_MANAGER)))
    page = browser_page.page
    page.get_by_role("link", name="Benchmark").first.click()
    browser_page.check()
    page.get_by_role("link", name="Northmoor Community Rehabilitation Company").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("compared with other providers")
    chart = page.get_by_role("img", name="Chart of the key question figures")
    expect(chart).to_be_visible()
    browser_page.check()

    page.get_by_role("link", name="Inspection (demo)").click()
    expect(page.get_by_role("heading", name="Case supervision sample")).to_be_visible()
    page.get_by_text("drawn cases").first.click()  # open the details
    browser_page.check()

    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("table")).to_contain_text("Signed in")
    browser_page.check()
