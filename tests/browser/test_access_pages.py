"""Changing your password and a manager's password reset, in a real browser, checked by axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from sufficiency.web.accounts.services import Role

pytestmark = pytest.mark.browser
Person = Callable[[Role], tuple[User, str]]


def test_change_your_own_password_with_an_error_first(browser_page: Any, person: Person) -> None:
    user, password = person(Role.INSPECTOR)
    browser_page.sign_in(user.username, password)
    page = browser_page.page
    page.get_by_role("link", name="Change your password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    browser_page.check()
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your current password")
    browser_page.check()
    page.get_by_label("Old password").fill(password)
    page.get_by_label("New password", exact=True).fill("a-brand-new-passphrase-42")
    page.get_by_label("New password confirmation").fill("a-brand-new-passphrase-42")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("password has been changed")


def test_a_manager_resets_a_password_and_sees_it_once(browser_page: Any, person: Person) -> None:
    inspector, _ = person(Role.INSPECTOR)
    manager, password = person(Role.INSPECTION_MANAGER)
    browser_page.sign_in(manager.username, password)
    page = browser_page.page
    page.get_by_role("link", name="Users").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    browser_page.check()
    page.get_by_role("button", name=f"Reset password of {inspector.username}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(inspector.username)
    shown = page.locator("#new-password").inner_text()
    browser_page.check()
    inspector.refresh_from_db()
    assert inspector.check_password(shown)
