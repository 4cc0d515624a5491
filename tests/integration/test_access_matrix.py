"""Who may open what: every URL and every API operation, as anonymous and as every role.

The URLs are read from the URL configuration and the operations from the OpenAPI schema, so a new
one cannot be forgotten: **a URL name or an API operation missing from PAGES or API below fails
the test.** To add one, add one line naming the permission it needs (as ``ROLE_PERMISSIONS`` in
``accounts/services.py`` grants it), OPEN or SIGNED_IN, and, if its URL takes arguments, which
object of ``world`` fills them (add the object to ``world`` if it is new). The test then checks
that every role with that permission is let in (the ``ok`` status) and every other role, and
anonymous, is refused: 403 or 404 (a sign-in redirect or 401 for anonymous), never data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from report_web import report_in_factual_accuracy_check
from sufficiency.web.accounts.models import Profile
from sufficiency.web.accounts.services import ROLE_PERMISSIONS, Role
from sufficiency.web.api.api import api
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.published.models import ReportFormat
from sufficiency.web.published.services import import_parsed

pytestmark = pytest.mark.django_db

OPEN = "open"  # anyone, signed in or not
SIGNED_IN = "signed in"  # any signed-in user, whatever their role
STAFF = "staff"  # the Django admin: staff accounts only, and no role is staff


@dataclass(frozen=True)
class Rule:
    need: str  # OPEN, SIGNED_IN, STAFF or a permission "app.codename"
    kwargs: dict[str, str] = field(default_factory=dict)  # URL or path arguments: world keys
    query: dict[str, str] = field(default_factory=dict)  # query string: world keys or text
    method: str = "get"
    body: dict[str, Any] | None = None  # JSON body (API)
    ok: tuple[int, ...] = (200,)  # the status(es) of an allowed request


# -- Pages, by URL name. One line each. --------------------------------------------------------
PAGES: dict[str, Rule] = {
    "core:start": Rule(OPEN, ok=(200, 302)),  # signed in: sent on to the home page
    "core:home": Rule(SIGNED_IN),
    "core:health": Rule(OPEN),
    "accounts:login": Rule(OPEN, ok=(200, 302)),  # signed in: sent on to the home page
    "accounts:logout": Rule(SIGNED_IN, method="post", ok=(302,)),
    "accounts:password_change": Rule(SIGNED_IN),
    "accounts:users": Rule("accounts.reset_password"),
    "accounts:reset_password": Rule(
        "accounts.reset_password", kwargs={"pk": "other_user"}, method="post"
    ),
    "frameworks:list": Rule("frameworks.view_frameworkversion"),
    "frameworks:upload": Rule("frameworks.add_frameworkversion"),
    "frameworks:detail": Rule("frameworks.view_frameworkversion", kwargs={"pk": "framework"}),
    "frameworks:standard": Rule(
        "frameworks.view_frameworkversion", kwargs={"pk": "framework", "standard_id": "standard"}
    ),
    "published:list": Rule("published.view_publishedreport"),
    "published:upload": Rule("published.add_publishedreport"),
    "published:dataset": Rule("published.export_dataset"),
    "published:benchmark_index": Rule("published.view_publishedreport"),
    "published:benchmark": Rule("published.view_publishedreport", query={"provider": "provider"}),
    "published:detail": Rule("published.view_publishedreport", kwargs={"pk": "report"}),
    "audit:list": Rule("audit.view_auditevent"),
    "twofactor:setup": Rule(SIGNED_IN),
    "twofactor:verify": Rule(SIGNED_IN, ok=(200, 302)),  # already verified: sent on
    "twofactor:recovery_codes": Rule(SIGNED_IN, method="post", ok=(200, 302)),
    "twofactor:turn_off": Rule(SIGNED_IN, method="post", ok=(302,)),
    "demo:inspection": Rule("inspections.view_inspection"),
    "reports:report": Rule("inspections.view_inspection", kwargs={"inspection_id": "reported"}),
    "reports:download": Rule(
        "inspections.view_inspection", kwargs={"inspection_id": "reported", "output_format": "json"}
    ),
    "reports:text": Rule(
        "reports.write_report", kwargs={"inspection_id": "reported", "part": "overall"}
    ),
    "reports:examples": Rule("reports.write_report", kwargs={"inspection_id": "reported"}),
    "reports:recommendations": Rule("reports.write_report", kwargs={"inspection_id": "reported"}),
    "reports:comments": Rule("inspections.view_inspection", kwargs={"inspection_id": "reported"}),
    "api:openapi-json": Rule(SIGNED_IN),
    "api:openapi-view": Rule(SIGNED_IN),
    "api:api-root": Rule(SIGNED_IN, ok=(404,)),  # nothing at the root of the API
}
# Every URL in these namespaces follows one rule (Django's admin site is staff-only).
NAMESPACES: dict[str, Rule] = {"admin": Rule(STAFF)}

# -- API operations, by "METHOD /path" as the OpenAPI schema names them. One line each. ---------
RATINGS_BODY = {"answers": [{"case_id": "C1", "question_id": "2.1.1", "answer": "yes"}]}
API: dict[str, Rule] = {
    "GET /api/frameworks": Rule("frameworks.view_frameworkversion"),
    "GET /api/frameworks/{pk}": Rule(
        "frameworks.view_frameworkversion", kwargs={"pk": "framework"}
    ),
    "GET /api/published": Rule("published.view_publishedreport"),
    "GET /api/published/{pk}": Rule("published.view_publishedreport", kwargs={"pk": "report"}),
    "GET /api/benchmark": Rule("published.view_publishedreport", query={"provider": "provider"}),
    "POST /api/ratings": Rule("frameworks.view_frameworkversion", method="post", body=RATINGS_BODY),
}

# Permissions checked inside a service or a template rather than at a URL's door, with the test
# that proves each is checked where its action happens.
CHECKED_BEYOND_THE_DOOR = {
    "published.change_publishedreport": "test_access_providers.py::"
    "test_replacing_stored_figures_needs_change_publishedreport",
    "accounts.view_every_provider": "test_access_providers.py::"
    "test_a_provider_team_sees_only_its_own_provider",
    "accounts.view_inspectorate_people": "test_access_providers.py::"
    "test_a_provider_team_never_sees_the_inspectorates_user_names",
    "reports.publish_report": "test_reports.py::test_only_the_inspections_lead_publishes_the_report",
    "reports.comment_on_draft": "test_reports.py::"
    "test_provider_users_see_only_their_own_providers_draft_and_only_in_the_check",
}


# -- The objects URLs name ----------------------------------------------------------------------
PROVIDER = "Fenmarsh Community Rehabilitation Company"


@pytest.fixture
def world(
    framework_version: FrameworkVersion, published_expected: dict[str, Any]
) -> dict[str, Any]:
    """Keys that Rule.kwargs and Rule.query name, and the text a refusal must never show."""
    report = import_parsed(
        {**published_expected["essex-crc-2018"], "provider": PROVIDER},
        report_format=ReportFormat.TEXT,
    ).report
    other = User.objects.create_user("someone-else-fictional", password="x-long-password-1")
    return {
        "framework": framework_version.pk,
        "standard": "1.1",
        "report": report.pk,
        "provider": PROVIDER,
        "other_user": other.pk,
        "reported": report_in_factual_accuracy_check(framework_version, PROVIDER),
    }


SECRETS = ("someone-else-fictional",)  # never in a refusal's body


# -- The walk -----------------------------------------------------------------------------------


def url_names() -> Iterator[tuple[str, str]]:
    """(namespace:name, route) of every URL pattern, named or not."""

    def walk(patterns: list[Any], namespaces: tuple[str, ...], prefix: str) -> Iterator[Any]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield ":".join((*namespaces, pattern.name or "")), prefix + str(pattern.pattern)

    yield from walk(get_resolver().url_patterns, (), "")


def api_operations() -> list[str]:
    schema = api.get_openapi_schema()
    return [f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops]


def is_api_operation(route: str) -> bool:
    """Whether a URL route serves an API operation (checked through API, not PAGES)."""
    as_openapi = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return any(operation.split(" ", 1)[1] == as_openapi for operation in api_operations())


def rule_for_page(name: str) -> Rule | None:
    return PAGES.get(name) or NAMESPACES.get(name.split(":", 1)[0])


def test_every_url_and_api_operation_has_an_expectation() -> None:
    missing = sorted(
        f"{name or '(unnamed)'} ({route})"
        for name, route in url_names()
        if not is_api_operation(route) and rule_for_page(name) is None
    )
    assert missing == [], f"add these URL names to PAGES in {__file__}: {missing}"
    missing_ops = sorted(set(api_operations()) - set(API))
    assert missing_ops == [], f"add these API operations to API in {__file__}: {missing_ops}"
    stale = sorted(set(PAGES) - {name for name, _ in url_names()}) + sorted(
        set(API) - set(api_operations())
    )
    assert stale == [], f"these expectations name nothing that exists: {stale}"


def test_every_permission_in_the_role_table_is_checked_somewhere() -> None:
    granted = {code for codes in ROLE_PERMISSIONS.values() for code in codes}
    checked = {rule.need for rule in (*PAGES.values(), *API.values())} | set(
        CHECKED_BEYOND_THE_DOOR
    )
    assert sorted(granted - checked) == []


def _allowed(need: str, role: Role | None) -> bool:
    if need == OPEN:
        return True
    if role is None or need == STAFF:
        return False
    return need == SIGNED_IN or need in ROLE_PERMISSIONS[role]


def _fill(values: dict[str, str], world: dict[str, Any]) -> dict[str, Any]:
    return {key: world.get(value, value) for key, value in values.items()}


def _request(client: Client, rule: Rule, path: str, world: dict[str, Any]) -> Any:
    if rule.method == "post":
        if rule.body is not None:
            return client.post(path, json.dumps(rule.body), content_type="application/json")
        return client.post(path)
    return client.get(path, _fill(rule.query, world))


def _admin_path(route: str) -> str:
    """A concrete path for an admin route: "1" for every argument, a real app label."""
    path = re.sub(r"<[^>]+>", "1", route)
    path = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "auth/", path)
    return "/" + path.replace("(?P<url>.*)$", "nothing-here/")


ROLES: list[Role | None] = [None, *Role]


@pytest.fixture
def clients(client_as: Callable[[Role], Client]) -> dict[Role | None, Client]:
    """Anonymous, and one client per role (past two-factor sign-in where the role needs it); the
    provider quality team user works for the world's provider."""
    out: dict[Role | None, Client] = {None: Client()}
    for role in Role:
        out[role] = client_as(role)
    team = User.objects.get(
        username="test-" + Role.PROVIDER_QUALITY_TEAM.value.lower().replace(" ", "-")
    )
    Profile.objects.update_or_create(user=team, defaults={"provider": PROVIDER})
    return out


def _to_sign_in(response: Any) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith((reverse("accounts:login"), reverse("admin:login"))) or (
        location == reverse("admin:index")  # the admin's sign-out sends a non-staff user there
    )


def _check(response: Any, allowed: bool, rule: Rule, role: Role | None, what: str) -> None:
    status = response.status_code
    who = role.value if role else "anonymous"
    if allowed:
        assert status in rule.ok, f"{who} should be let in to {what}: {status}"
        return
    if rule.need == STAFF:  # the admin's own refusal: its sign-in page, or a method not allowed
        refused = (
            _to_sign_in(response)
            or status in {403, 404, 405}
            or (status == 200 and what.startswith("admin:login "))
        )
    elif role is None:
        refused = status in {401, 403, 404} or _to_sign_in(response)
    else:
        refused = status in {403, 404}
    assert refused, f"{who} should be refused {what}: {status} {response.get('Location', '')}"
    body = response.content.decode(errors="replace")
    leaked = [secret for secret in SECRETS if secret in body]
    assert leaked == [], f"{who} was refused {what} but shown {leaked}"


def test_every_page_lets_in_exactly_the_roles_that_may_open_it(
    world: dict[str, Any],
    clients: dict[Role | None, Client],
    client_as: Callable[[Role], Client],
) -> None:
    for name, route in url_names():
        if is_api_operation(route):
            continue
        rule = rule_for_page(name)
        assert rule is not None
        path = (
            _admin_path(route)
            if rule.need == STAFF
            else reverse(name, kwargs=_fill(rule.kwargs, world))
        )
        for role in ROLES:
            # One client per role, reused: a sign-out would end its session, so sign in again.
            client = clients[role]
            response = _request(client, rule, path, world)
            _check(response, _allowed(rule.need, role), rule, role, f"{name} ({path})")
            if name == "accounts:logout" and role is not None:
                clients[role] = client_as(role)  # signed out: sign in again


def test_every_api_operation_answers_exactly_the_roles_that_may_call_it(
    world: dict[str, Any], clients: dict[Role | None, Client]
) -> None:
    for operation, rule in API.items():
        _method, template = operation.split(" ", 1)
        path = template.format(**_fill(rule.kwargs, world))
        for role in ROLES:
            response = _request(clients[role], rule, path, world)
            _check(response, _allowed(rule.need, role), rule, role, operation)
