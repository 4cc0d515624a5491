"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page visited is checked with axe-core (from node_modules, installed by `npm ci`) for WCAG
2.0, 2.1 and 2.2 level A and AA violations, and for Content-Security-Policy violations.
"""

from __future__ import annotations

import os
import re
from base64 import b32decode
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, sync_playwright

from sufficiency.web.accounts.services import Role, create_or_reset_user

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (creating users) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SUFFICIENCY_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
GOVUK_CSS = REPO / "var" / "assets" / "govuk" / "govuk-frontend.min.css"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/ensure-system.sh packages")
    if not AXE.exists() or not GOVUK_CSS.exists():
        pytest.fail("web assets are missing: run `make assets` (npm ci and the GOV.UK build)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class CheckedPage:
    """A page that fails the test on any accessibility or CSP violation it can see."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def check(self) -> None:
        """axe-core on the page as it is now, and no CSP or script errors so far."""
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, so the page's own CSP does not block it.
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        results: dict[str, Any] = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results["violations"]
        ]
        where = self.page.url
        assert not violations, f"axe-core violations on {where}:\n" + "\n".join(violations)
        assert not self.console_errors, f"console errors on {where}: {self.console_errors}"

    def sign_in(self, username: str, password: str) -> None:
        self.goto("/accounts/sign-in/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url(re.compile(r".*/(home|two-factor)/.*"))
        if "/two-factor/" in self.page.url:
            self.set_up_two_factor()
        self.page.wait_for_url("**/home/")

    def set_up_two_factor(self) -> None:
        """Those who must use two-factor sign-in set it up on first sign-in, as a person would:
        the app's key read from the page, its code typed in, the recovery codes page passed."""
        self.check()
        self.page.get_by_text("I cannot scan the QR code").click()
        secret = self.page.locator("code.app-secret").inner_text().replace(" ", "")
        self.page.get_by_label("Code").fill(f"{totp(b32decode(secret)):06d}")
        self.page.get_by_role("button", name="Turn on two-factor sign-in").click()
        self.page.get_by_role("heading", name="Your recovery codes").wait_for()
        self.check()
        self.page.get_by_role("link", name="Continue").click()


@pytest.fixture
def browser_page(chromium: Browser, live_server: Any) -> Iterator[CheckedPage]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield CheckedPage(page, live_server.url)
    context.close()


@pytest.fixture
def person(transactional_db: None) -> Callable[[Role], tuple[User, str]]:
    """A fresh user of a role, with its generated password."""

    def make(role: Role) -> tuple[User, str]:
        return create_or_reset_user("fen-" + role.name.lower().replace("_", "-"), role)

    return make
