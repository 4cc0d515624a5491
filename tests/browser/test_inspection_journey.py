"""The inspection workflow in a real browser, every page checked with axe-core: an inspector
records a case across two sign-ins and submits it, the lead queries one answer, the inspector
replies and changes it, the lead locks the case; the same without JavaScript; the keyboard
alone; and a dropped connection that loses nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, Page, expect

from inspection_web import Team, first_case, inspection_in_fieldwork
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.assessments.models import CaseAssessment, CaseStatus
from sufficiency.web.assessments.questions import framework_of_case, required_questions
from sufficiency.web.frameworks import services as framework_services

from .conftest import CheckedPage

pytestmark = pytest.mark.browser

# A script element with its content, removed from a page's HTML before axe-core checks it.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


@dataclass
class Crew:
    team: Team
    passwords: dict[str, str]

    def login(self, person: User) -> tuple[str, str]:
        return person.username, self.passwords[person.username]


@pytest.fixture
def crew(transactional_db: None) -> Crew:
    made = {
        name: create_or_reset_user(name, role)
        for name, role in (
            ("wren-lead", Role.LEAD_INSPECTOR),
            ("ash-inspector", Role.INSPECTOR),
            ("rowan-inspector", Role.INSPECTOR),
        )
    }
    people = {name: person for name, (person, _) in made.items()}
    return Crew(
        Team(people["wren-lead"], [people["ash-inspector"], people["rowan-inspector"]]),
        {name: password for name, (_, password) in made.items()},
    )


@pytest.fixture
def case(crew: Crew) -> CaseAssessment:
    (outcome,) = framework_services.load_builtin()
    inspection = inspection_in_fieldwork(outcome.version, crew.team)
    return first_case(inspection, crew.team.inspectors[0])


class NoScriptPage(CheckedPage):
    """A page in a browser with JavaScript off. axe-core cannot run there (the page's timers
    never fire), so ``check`` runs it on the same HTML, scripts removed, at the same address in a
    checking page with JavaScript on."""

    def __init__(self, page: Page, base_url: str, checker: Page) -> None:
        super().__init__(page, base_url)
        self.checker = CheckedPage(checker, base_url)

    def check(self) -> None:
        html = _SCRIPT.sub("", self.page.content())
        url = self.page.url
        self.checker.page.route(
            url, lambda route: route.fulfill(body=html, content_type="text/html")
        )
        self.checker.page.goto(url)
        self.checker.page.unroute(url)
        self.checker.check()
        assert not self.console_errors, f"console errors on {url}: {self.console_errors}"


class Browsers:
    """New browser sessions (contexts) as needed: with or without JavaScript."""

    def __init__(self, chromium: Browser, base_url: str) -> None:
        self.chromium, self.base_url = chromium, base_url
        self.contexts: list[BrowserContext] = []

    def open(self, *, javascript: bool = True) -> CheckedPage:
        context = self.chromium.new_context(
            viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if javascript:
            return CheckedPage(page, self.base_url)
        checker = self.chromium.new_context(viewport={"width": 1280, "height": 900})
        self.contexts.append(checker)
        return NoScriptPage(page, self.base_url, checker.new_page())

    def close_all(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsers(chromium: Browser, live_server: Any) -> Iterator[Browsers]:
    made = Browsers(chromium, live_server.url)
    yield made
    made.close_all()


def case_path(case: CaseAssessment) -> str:
    return f"/inspections/{case.inspection_id}/cases/{case.pk}/"


def required_ids(case: CaseAssessment) -> list[str]:
    return [
        q.id
        for q in required_questions(
            framework_of_case(case), case.sampled_case.sample.sample_type, case.rosh_relevant
        )
    ]


def radio(question_id: str, value: str) -> str:
    suffix = "na" if value == "n/a" else value
    return f"#q-{question_id.replace('.', '-')}-{suffix}"


def stored(case: CaseAssessment) -> dict[str, str]:
    return dict(case.answers.values_list("question_id", "judgement"))


def journey(browsers: Browsers, crew: Crew, case: CaseAssessment, *, javascript: bool) -> None:
    inspector, lead = crew.team.inspectors[0], crew.team.lead
    questions = required_ids(case)
    half = len(questions) // 2

    # The inspector signs in: their home lists the case and what to do next.
    first = browsers.open(javascript=javascript)
    first.sign_in(*crew.login(inspector))
    page = first.page
    expect(page.get_by_role("table")).to_contain_text("Start the assessment")
    first.check()
    page.get_by_role("link", name=case.sampled_case.case.case_id).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Case ")
    first.check()
    for qid in questions[:half]:
        page.check(radio(qid, "yes"))
    page.fill("#note-q-2-1-1", "Assessment drew on the pre-sentence report.")
    if javascript:
        page.locator("#note-q-2-1-1").blur()
        expect(page.locator("#app-autosave")).to_contain_text("Saved at", timeout=10_000)
        first.check()
    else:
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved at")
        first.check()
    # Closes the browser mid-way: the draft is on the server.
    first.page.context.close()
    assert set(stored(case)) >= set(questions[:half])

    again = browsers.open(javascript=javascript)
    again.sign_in(*crew.login(inspector))
    page = again.page
    expect(page.get_by_role("table")).to_contain_text("Finish the assessment")
    page.get_by_role("link", name=case.sampled_case.case.case_id).click()
    for qid in questions[:half]:
        expect(page.locator(radio(qid, "yes"))).to_be_checked()
    expect(page.locator("#note-q-2-1-1")).to_have_value(
        "Assessment drew on the pre-sentence report."
    )
    # Submitting now names each missing answer, linked to it.
    page.get_by_role("button", name="Save and submit the case").click()
    summary = page.locator(".govuk-error-summary").first
    expect(summary).to_contain_text("The case cannot be submitted yet")
    missing = questions[half]
    expect(summary.locator(f"a[href='{radio(missing, 'yes')}']")).to_be_visible()
    again.check()
    for qid in questions[half:]:
        page.check(radio(qid, "yes"))
    page.get_by_role("button", name="Save and submit the case").click()
    page.wait_for_url("**/my-cases/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("submitted")
    again.check()
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED

    # The lead queries one answer.
    lead_page = browsers.open(javascript=javascript)
    lead_page.sign_in(*crew.login(lead))
    page = lead_page.page
    lead_page.goto(f"/inspections/{case.inspection_id}/")
    lead_page.check()
    page.get_by_role("link", name="Moderate submitted cases").click()
    expect(page.get_by_role("table").first).to_contain_text(inspector.username)
    lead_page.check()
    page.get_by_role("link", name=case.sampled_case.case.case_id).click()
    lead_page.check()
    page.get_by_role("link", name="Query the answer to 2.1.1", exact=True).click()
    expect(page.get_by_label("What is the query about?")).to_have_value("2.1.1")
    page.get_by_label("Query", exact=True).fill("The notes say he was not engaged: is it yes?")
    page.get_by_role("button", name="Send the query to the inspector").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Query sent")
    lead_page.check()

    # The inspector sees it on their list, replies and changes the answer.
    reply = browsers.open(javascript=javascript)
    reply.sign_in(*crew.login(inspector))
    page = reply.page
    expect(page.get_by_role("table")).to_contain_text("Reply to the lead's query")
    page.get_by_role("link", name=case.sampled_case.case.case_id).click()
    expect(page.get_by_text("The notes say he was not engaged")).to_be_visible()
    reply.check()
    page.get_by_label("Your reply to the query on 2.1.1").fill("Agreed: it is a no.")
    page.locator("[id^=change-][id$=-no]").check()
    page.get_by_role("button", name="Send the reply").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Reply sent")
    reply.check()
    assert stored(case)["2.1.1"] == "no"

    # The lead resolves the query and locks the case.
    page = lead_page.page
    lead_page.goto(case_path(case))
    expect(page.get_by_text("Agreed: it is a no.")).to_be_visible()
    page.get_by_role("button", name="Resolve the query").click()
    page.get_by_role("button", name="Mark quality-assured and lock the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("locked")
    lead_page.check()
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALITY_ASSURED


def test_the_journey_with_javascript(browsers: Browsers, crew: Crew, case: CaseAssessment) -> None:
    journey(browsers, crew, case, javascript=True)


def test_the_journey_without_javascript(
    browsers: Browsers, crew: Crew, case: CaseAssessment
) -> None:
    journey(browsers, crew, case, javascript=False)


def tab_to(page: Page, reached: Callable[[], bool], most: int = 300) -> None:
    """Press Tab until ``reached()``; fail if it takes more than ``most`` presses."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if reached():
            return
    pytest.fail("the element cannot be reached with the Tab key")


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_keyboard_alone_answers_and_saves(
    browsers: Browsers, crew: Crew, case: CaseAssessment, javascript: bool
) -> None:
    checked = browsers.open(javascript=javascript)
    checked.sign_in(*crew.login(crew.team.inspectors[0]))
    checked.goto(case_path(case))
    page = checked.page
    # From the top of the page, Tab to the first prompt's radios, choose "No" with the arrow
    # key, then Tab on to the Save button and press Enter: no mouse anywhere.
    tab_to(page, lambda: page.evaluate("() => document.activeElement.id") == "q-2-1-1-a-yes")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#q-2-1-1-a-no")).to_be_checked()
    tab_to(page, lambda: page.evaluate("() => document.activeElement.textContent.trim()") == "Save")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved at")
    assert stored(case) == {"2.1.1.a": "no"}
    checked.check()


def test_a_dropped_connection_keeps_the_changes_and_sends_them_on_return(
    browsers: Browsers, crew: Crew, case: CaseAssessment
) -> None:
    checked = browsers.open()
    checked.sign_in(*crew.login(crew.team.inspectors[0]))
    checked.goto(case_path(case))
    page = checked.page
    status = page.locator("#app-autosave")
    page.check(radio("2.1.1", "yes"))
    expect(status).to_contain_text("Saved at")
    page.context.set_offline(True)
    page.check(radio("2.1.2", "no"))
    page.fill("#note-q-2-1-2", "Written while offline.")
    expect(status).to_contain_text("You are offline")
    checked.check()
    kept = page.evaluate(f"() => localStorage.getItem('sufficiency-case-{case.pk}')")
    assert kept is not None and "Written while offline." in kept
    assert "2.1.2" not in stored(case)
    page.context.set_offline(False)
    expect(status).to_contain_text("Saved at", timeout=15_000)
    assert stored(case) == {"2.1.1": "yes", "2.1.2": "no"}
    assert case.answers.get(question_id="2.1.2").note == "Written while offline."
    assert page.evaluate(f"() => localStorage.getItem('sufficiency-case-{case.pk}')") is None


def test_a_save_from_a_stale_page_shows_both_values(
    browsers: Browsers, crew: Crew, case: CaseAssessment
) -> None:
    first, second = browsers.open(), browsers.open()
    for checked in (first, second):
        checked.sign_in(*crew.login(crew.team.inspectors[0]))
        checked.goto(case_path(case))
    first.page.check(radio("2.1.1", "yes"))
    expect(first.page.locator("#app-autosave")).to_contain_text("Saved at")
    second.page.check(radio("2.1.1", "no"))  # from the page opened before that save
    conflict = second.page.locator("#app-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("No")
    expect(conflict).to_contain_text("Yes")
    # The browser logs the refused save (409) as a failed load: expected here, and only here.
    second.console_errors[:] = [e for e in second.console_errors if "409 (Conflict)" not in e]
    second.check()
    assert stored(case) == {"2.1.1": "yes"}
