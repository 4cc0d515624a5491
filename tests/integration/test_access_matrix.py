"""Who may open what: every URL and every API operation, as anonymous and as every role.

The URLs are read from the URL configuration and the operations from the OpenAPI schema, so a new
one cannot be forgotten: **a URL name or an API operation missing from PAGES or API below fails
the test.** To add one, add one line naming the permission it needs (as ``ROLE_PERMISSIONS`` in
``accounts/services.py`` grants it), OPEN or SIGNED_IN, and, if its URL takes arguments, which
object of ``world`` fills them (add the object to ``world`` if it is new). The test then checks
that every role with that permission is let in (the ``ok`` status) and every other role, and
anonymous, is refused: 403 or 404 (a sign-in redirect or 401 for anonymous), never data.

Object-level access: where holding the permission is not enough (only the case's own inspector
records it; a provider's quality team never sees an HMIP inspection before publication), the
line says who is let in with ``ok_for`` (role → statuses); every other role is refused, even one
holding the permission, and each role named there must hold it (an object rule narrows a
permission, never widens it). ``world`` also names, per role, text that role must never be
shown on any page or in any answer (another side's inspection, its cases).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inspection_web import LDUS, first_case, synthetic_caseload_bytes
from report_web import report_in_factual_accuracy_check
from sufficiency.web.accounts.models import Profile
from sufficiency.web.accounts.services import ROLE_PERMISSIONS, Role
from sufficiency.web.api.api import api
from sufficiency.web.api.tokens import create_token
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.assignment import assign_balanced
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.assessments.moderation import open_query
from sufficiency.web.assessments.questions import framework_of_case, required_questions
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.inspections.caseloads import choose_ldus, upload_caseload
from sufficiency.web.inspections.errors import Refused
from sufficiency.web.inspections.lifecycle import create_inspection, start_fieldwork
from sufficiency.web.inspections.models import Inspection, InspectionKind
from sufficiency.web.inspections.sampling import draw_samples
from sufficiency.web.providers.models import ProviderKind
from sufficiency.web.providers.services import create_provider, set_quality_team
from sufficiency.web.published.models import ReportFormat
from sufficiency.web.published.services import import_parsed
from sufficiency.web.results.domain_one import add_evidence
from sufficiency.web.results.double_marking import send_for_double_marking

pytestmark = pytest.mark.django_db

OPEN = "open"  # anyone, signed in or not
SIGNED_IN = "signed in"  # any signed-in user, whatever their role
STAFF = "staff"  # the Django admin: staff accounts only, and no role is staff


@dataclass(frozen=True)
class Rule:
    need: (
        str | tuple[str, ...]
    )  # OPEN, SIGNED_IN, STAFF, a permission "app.codename" or any of some
    kwargs: dict[str, str] = field(default_factory=dict)  # URL or path arguments: world keys
    query: dict[str, str] = field(default_factory=dict)  # query string: world keys or text
    method: str = "get"
    body: dict[str, Any] | None = None  # JSON body (API); a text value naming a world key is filled
    ok: tuple[int, ...] = (200,)  # the status(es) of an allowed request
    # Object level: exactly these roles are let in, each with its statuses; every other role is
    # refused, even one holding ``need``.
    ok_for: dict[Role, tuple[int, ...]] | None = None


INSPECTOR, LEAD, MANAGER, PROVIDER_TEAM = (
    Role.INSPECTOR,
    Role.LEAD_INSPECTOR,
    Role.INSPECTION_MANAGER,
    Role.PROVIDER_QUALITY_TEAM,
)
HMIP_STAFF = (INSPECTOR, LEAD, MANAGER)
PANEL = (LEAD, MANAGER)  # the ratings panel; also who exports an inspection's case list
VIEW, ASSESS = "inspections.view_inspection", "assessments.assess_case"
MANAGE, MODERATE = "inspections.manage_inspection", "assessments.moderate_case"
# What fills the URLs of the world's HMIP inspection, and who is let in to them.
ON_INSPECTION = {"pk": "inspection"}
ON_RESULTS = {"inspection_id": "inspection"}
ON_SAMPLED = {"pk": "inspection", "case_pk": "sampled_case"}
ON_CASE_PAGE = {"pk": "inspection", "case_pk": "case"}
ON_MODERATED = {"pk": "inspection", "case_pk": "moderated_case"}
ON_QUERY = {**ON_MODERATED, "query_pk": "query"}
SEEN: dict[Role, tuple[int, ...]] = dict.fromkeys(HMIP_STAFF, (200,))  # those who see it
LEAD_ONLY: dict[Role, tuple[int, ...]] = {LEAD: (200,)}
LEAD_POSTS: dict[Role, tuple[int, ...]] = {LEAD: (302,)}  # done (or refused in words), sent back


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
    "accounts:account": Rule(SIGNED_IN),
    # Only one's own token: the world's token is the inspector's.
    "accounts:revoke_token": Rule(
        SIGNED_IN, kwargs={"pk": "token"}, method="post", ok_for={INSPECTOR: (302,)}
    ),
    # The inspection workflow (issue 8), on the world's HMIP inspection in fieldwork. Its team
    # and the managers see it; its lead alone plans, samples, assigns, moves it on and moderates;
    # only a case's inspector records it or replies to a query; the provider's quality team sees
    # none of it before publication.
    "inspections:list": Rule(VIEW),
    "inspections:create": Rule(("inspections.add_inspection", "inspections.run_self_audit")),
    "inspections:detail": Rule(VIEW, kwargs=ON_INSPECTION, ok_for=SEEN),
    "inspections:advance": Rule(MANAGE, kwargs=ON_INSPECTION, method="post", ok_for=LEAD_POSTS),
    "inspections:team": Rule(MANAGE, kwargs=ON_INSPECTION, ok_for=LEAD_ONLY),
    "inspections:caseload": Rule(MANAGE, kwargs=ON_INSPECTION, ok_for=LEAD_ONLY),
    "inspections:caseload_problems": Rule(MANAGE, kwargs=ON_INSPECTION, ok_for=LEAD_ONLY),
    "inspections:ldus": Rule(MANAGE, kwargs=ON_INSPECTION, ok_for=LEAD_ONLY),
    "inspections:samples": Rule(VIEW, kwargs=ON_INSPECTION, ok_for=SEEN),
    "inspections:sample": Rule(VIEW, kwargs={**ON_INSPECTION, "sample_pk": "sample"}, ok_for=SEEN),
    "inspections:replace": Rule(MANAGE, kwargs=ON_SAMPLED, ok_for=LEAD_ONLY),
    "inspections:case_list": Rule(
        "inspections.export_case_list", kwargs=ON_INSPECTION, ok_for=dict.fromkeys(PANEL, (200,))
    ),
    "inspections:assign": Rule(MANAGE, kwargs=ON_INSPECTION, ok_for=LEAD_ONLY),
    "inspections:assign_evenly": Rule(
        MANAGE, kwargs=ON_INSPECTION, method="post", ok_for=LEAD_POSTS
    ),
    "inspections:assign_one": Rule(
        MANAGE, kwargs={**ON_INSPECTION, "case_pk": "other_case"}, method="post", ok_for=LEAD_POSTS
    ),
    "providers:list": Rule("providers.change_provider"),
    "providers:create": Rule("providers.add_provider"),
    "providers:edit": Rule("providers.change_provider", kwargs={"pk": "provider_pk"}),
    "assessments:my_cases": Rule(ASSESS),
    "assessments:progress": Rule(VIEW, kwargs=ON_INSPECTION, ok_for=SEEN),
    "assessments:moderation": Rule(MODERATE, kwargs=ON_INSPECTION, ok_for=LEAD_ONLY),
    "assessments:case": Rule(VIEW, kwargs=ON_CASE_PAGE, ok_for=SEEN),
    "assessments:open_query": Rule(MODERATE, kwargs=ON_MODERATED, method="post", ok_for=LEAD_POSTS),
    "assessments:reply": Rule(ASSESS, kwargs=ON_QUERY, method="post", ok_for={INSPECTOR: (302,)}),
    "assessments:resolve": Rule(MODERATE, kwargs=ON_QUERY, method="post", ok_for=LEAD_POSTS),
    "assessments:quality_assure": Rule(
        MODERATE, kwargs=ON_MODERATED, method="post", ok_for=LEAD_POSTS
    ),
    "assessments:unlock": Rule(MODERATE, kwargs=ON_MODERATED, method="post", ok_for=LEAD_POSTS),
    # Results (issue 10): whoever sees the inspection sees its results, domain one and the panel
    # page; the lead runs double marking; the panel (the lead and the inspection manager) decides;
    # only the second marker records a second marking.
    "results:live": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
    "results:consistency": Rule("results.double_mark", kwargs=ON_RESULTS, ok_for=LEAD_ONLY),
    "results:second_marking": Rule(
        ASSESS, kwargs={**ON_RESULTS, "marking_id": "marking"}, ok_for={INSPECTOR: (200,)}
    ),
    "results:domain_one": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
    "results:panel": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
    "results:decide": Rule(
        "results.decide_ratings",
        kwargs={**ON_RESULTS, "standard_id": "standard"},
        ok_for=dict.fromkeys(PANEL, (200,)),
    ),
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
ON_CASE = {"inspection_id": "inspection", "case_id": "case"}
CASE_PATCH = {"version": "case_version", "answers": {"2.1.1": "no"}}  # a valid change
API: dict[str, Rule] = {
    "GET /api/frameworks": Rule("frameworks.view_frameworkversion"),
    "GET /api/frameworks/{pk}": Rule(
        "frameworks.view_frameworkversion", kwargs={"pk": "framework"}
    ),
    "GET /api/published": Rule("published.view_publishedreport"),
    "GET /api/published/{pk}": Rule("published.view_publishedreport", kwargs={"pk": "report"}),
    "GET /api/benchmark": Rule("published.view_publishedreport", query={"provider": "provider"}),
    "POST /api/ratings": Rule("frameworks.view_frameworkversion", method="post", body=RATINGS_BODY),
    # The inspection API (issue 8) on the world's HMIP inspection in fieldwork: its team and the
    # managers see it; the provider's quality team does not before publication (and sees its own
    # self-audit in the list instead); only the case's inspector records and submits the case.
    "GET /api/inspections": Rule("inspections.view_inspection"),
    "GET /api/inspections/{inspection_id}/cases": Rule(
        VIEW, kwargs={"inspection_id": "inspection"}, ok_for=SEEN
    ),
    "GET /api/inspections/{inspection_id}/cases/{case_id}": Rule(VIEW, kwargs=ON_CASE, ok_for=SEEN),
    "PATCH /api/inspections/{inspection_id}/cases/{case_id}": Rule(
        ASSESS, kwargs=ON_CASE, method="patch", body=CASE_PATCH, ok_for={INSPECTOR: (200,)}
    ),
    "POST /api/inspections/{inspection_id}/cases/{case_id}/submit": Rule(
        ASSESS, kwargs=ON_CASE, method="post", body={}, ok_for={INSPECTOR: (200,)}
    ),
    # Results (issue 10): whoever sees the inspection.
    "GET /api/inspections/{inspection_id}/ratings": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
    "GET /api/inspections/{inspection_id}/answers.csv": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
    "GET /api/inspections/{inspection_id}/cases.csv": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
    "GET /api/inspections/{inspection_id}/decisions.csv": Rule(
        VIEW, kwargs=ON_RESULTS, ok_for=SEEN
    ),
    "GET /api/inspections/{inspection_id}/breakdowns": Rule(
        VIEW, kwargs=ON_RESULTS, query={"by": "ldu"}, ok_for=SEEN
    ),
    "GET /api/inspections/{inspection_id}/results.xlsx": Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN),
}
# The same pages and operations on other objects of the world: (URL name or operation, rule).
# The quality team's own self-audit is theirs alone (HMIP's people do not see self-audits), led
# by the quality team user; another provider's self-audit is nobody's here.
OWN_AUDIT: dict[Role, tuple[int, ...]] = {PROVIDER_TEAM: (200,)}
PAGES_ON_OTHER_OBJECTS: list[tuple[str, Rule]] = [
    ("inspections:detail", Rule(VIEW, kwargs={"pk": "self_audit"}, ok_for=OWN_AUDIT)),
    ("inspections:team", Rule(MANAGE, kwargs={"pk": "self_audit"}, ok_for=OWN_AUDIT)),
    ("inspections:caseload", Rule(MANAGE, kwargs={"pk": "self_audit"}, ok_for=OWN_AUDIT)),
    ("inspections:detail", Rule(VIEW, kwargs={"pk": "other_self_audit"}, ok_for={})),
    ("inspections:team", Rule(MANAGE, kwargs={"pk": "other_self_audit"}, ok_for={})),
    # The report (issue 11) of the world's HMIP inspection, a draft in fieldwork: never shown to
    # the provider before the factual accuracy check; written by the lead and the manager.
    ("reports:report", Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN)),
    ("reports:comments", Rule(VIEW, kwargs=ON_RESULTS, ok_for=SEEN)),
    (
        "reports:text",
        Rule(
            "reports.write_report",
            kwargs={**ON_RESULTS, "part": "overall"},
            ok_for=dict.fromkeys(PANEL, (200,)),
        ),
    ),
    ("reports:report", Rule(VIEW, kwargs={"inspection_id": "other_self_audit"}, ok_for={})),
]
API_ON_OTHER_OBJECTS: list[tuple[str, Rule]] = [
    (
        "GET /api/inspections/{inspection_id}/cases",
        Rule(VIEW, kwargs={"inspection_id": "self_audit"}, ok_for=OWN_AUDIT),
    ),
    (
        "GET /api/inspections/{inspection_id}/cases",
        Rule(VIEW, kwargs={"inspection_id": "other_self_audit"}, ok_for={}),
    ),
]
OTHER_OBJECTS = [*PAGES_ON_OTHER_OBJECTS, *API_ON_OTHER_OBJECTS]

# Permissions checked inside a service or a template rather than at a URL's door, with the test
# that proves each is checked where its action happens.
CHECKED_BEYOND_THE_DOOR = {
    "published.change_publishedreport": "test_access_providers.py::"
    "test_replacing_stored_figures_needs_change_publishedreport",
    "accounts.view_every_provider": "test_access_providers.py::"
    "test_a_provider_team_sees_only_its_own_provider",
    "accounts.view_inspectorate_people": "test_access_providers.py::"
    "test_a_provider_team_never_sees_the_inspectorates_user_names",
    "results.record_evidence": "test_access_matrix.py::"
    "test_domain_one_evidence_needs_record_evidence",
    # The world's inspection manager is not on its team, yet sees its cases (API above).
    "inspections.view_all_inspections": "test_access_matrix.py::"
    "test_every_api_operation_answers_exactly_the_roles_that_may_call_it",
    "reports.publish_report": "test_reports.py::test_only_the_inspections_lead_publishes_the_report",
    "reports.comment_on_draft": "test_reports.py::"
    "test_provider_users_see_only_their_own_providers_draft_and_only_in_the_check",
}


# -- The objects URLs name ----------------------------------------------------------------------
PROVIDER = "Fenmarsh Community Rehabilitation Company"


def _complete(case: CaseAssessment, inspector: User) -> CaseAssessment:
    """The case with every required key question answered yes, by its inspector (a draft)."""
    questions = required_questions(
        framework_of_case(case), case.sampled_case.sample.sample_type, case.rosh_relevant
    )
    answers = {q.id: AnswerChange("yes") for q in questions}
    return save_case(case, CaseChanges(answers=answers), version=case.version, actor=inspector)


# Dates no page shows but as the inspection's own (not the forms' example date, 2020-01-06).
REFERENCE_DATE, SELF_AUDIT_DATE = dt.date(2020, 1, 13), dt.date(2020, 3, 2)
OTHER_AUDIT_DATE = dt.date(2020, 4, 20)  # another provider's self-audit
OTHER_PROVIDER = "Otherfen Fictional Rehabilitation Company"


def _dates(day: dt.date) -> tuple[str, ...]:
    return (day.isoformat(), f"{day.day} {day:%B %Y}")


@pytest.fixture
def world(
    framework_version: FrameworkVersion,
    published_expected: dict[str, Any],
    make_user: Callable[..., User],
) -> dict[str, Any]:
    """Keys that Rule.kwargs, Rule.query and Rule.body name, and text never to be shown.

    The role users (the same ones ``clients`` signs in) are on the world's HMIP inspection, in
    fieldwork: the lead inspector leads it, the inspector is on its team and has every case
    (the one named "case" complete in draft); the provider quality team user is on the
    provider's quality team and leads its self-audit. All built through the real services.
    """
    report = import_parsed(
        {**published_expected["essex-crc-2018"], "provider": PROVIDER},
        report_format=ReportFormat.TEXT,
    ).report
    other = User.objects.create_user("someone-else-fictional", password="x-long-password-1")
    people = {role: make_user(role) for role in Role}
    provider = create_provider(PROVIDER, ProviderKind.CRC, actor=None)
    set_quality_team(provider, [people[PROVIDER_TEAM]], actor=None)
    lead, inspector = people[LEAD], people[INSPECTOR]
    second = make_user(INSPECTOR, "second-inspector-fictional")
    inspection = create_inspection(
        provider=provider,
        kind=InspectionKind.INSPECTION,
        framework=framework_version,
        reference_date=REFERENCE_DATE,
        lead=lead,
        inspectors=[inspector, second],
        actor=lead,
    )
    upload_caseload(inspection, synthetic_caseload_bytes(), "caseload.csv", actor=lead)
    choose_ldus(inspection, list(LDUS), actor=lead)
    draw_samples(inspection, seed=11, actor=lead)
    assign_balanced(inspection, actor=lead)
    start_fieldwork(inspection, actor=lead)
    case = _complete(first_case(inspection, inspector), inspector)
    mine = CaseAssessment.objects.filter(assigned_to=inspector).exclude(pk=case.pk)
    moderated = submit_case(_complete(mine.first(), inspector), actor=inspector)  # type: ignore[arg-type]
    query = open_query(moderated, "Is 2.1.1 right?", actor=lead)
    other_case = mine.exclude(pk=moderated.pk).first()
    assert other_case is not None
    theirs = CaseAssessment.objects.filter(assigned_to=second).first()
    marked = submit_case(_complete(theirs, second), actor=second)  # type: ignore[arg-type]
    marking = send_for_double_marking(marked, inspector, actor=lead)
    token, _ = create_token(inspector, "matrix", actor=inspector)
    self_audit = create_inspection(
        provider=provider,
        kind=InspectionKind.SELF_AUDIT,
        framework=framework_version,
        reference_date=SELF_AUDIT_DATE,
        lead=people[PROVIDER_TEAM],
        actor=people[PROVIDER_TEAM],
    )
    elsewhere = create_provider(OTHER_PROVIDER, ProviderKind.CRC, actor=None)
    stranger = make_user(PROVIDER_TEAM, "other-team-fictional", OTHER_PROVIDER)
    set_quality_team(elsewhere, [stranger], actor=None)
    other_self_audit = create_inspection(
        provider=elsewhere,
        kind=InspectionKind.SELF_AUDIT,
        framework=framework_version,
        reference_date=OTHER_AUDIT_DATE,
        lead=stranger,
        actor=stranger,
    )
    hmip_work = (
        *_dates(REFERENCE_DATE),
        *(c.sampled_case.case.case_id for c in (case, moderated, marked, other_case)),
    )
    return {
        "framework": framework_version.pk,
        "standard": "1.1",
        "report": report.pk,
        "provider": PROVIDER,
        "other_user": other.pk,
        "inspection": inspection.pk,
        "case": case.pk,
        "case_version": case.version,
        "moderated_case": moderated.pk,
        "query": query.pk,
        "other_case": other_case.pk,
        "sample": case.sampled_case.sample_id,
        "sampled_case": other_case.sampled_case_id,
        "marking": marking.pk,
        "token": token.pk,
        "provider_pk": provider.pk,
        "self_audit": self_audit.pk,
        "other_self_audit": other_self_audit.pk,
        # What each role must never be shown, allowed in or refused: HMIP's work in progress is
        # not the provider's; a provider's self-audit is not HMIP's.
        "unseen": {
            None: hmip_work + _dates(SELF_AUDIT_DATE) + _dates(OTHER_AUDIT_DATE),
            PROVIDER_TEAM: (*hmip_work, *_dates(OTHER_AUDIT_DATE), OTHER_PROVIDER),
            **dict.fromkeys(HMIP_STAFF, _dates(SELF_AUDIT_DATE) + _dates(OTHER_AUDIT_DATE)),
        },
        "reported": report_in_factual_accuracy_check(framework_version, PROVIDER),
    }


# A refused caseload's problems, kept in every role's session: only the lead may download them.
KEPT_PROBLEM = "a refused row kept for the lead alone (fictional)"
SECRETS = ("someone-else-fictional", KEPT_PROBLEM)  # never in a refusal's body


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


def test_an_object_rule_narrows_its_permission_never_widens_it() -> None:
    rules = [*PAGES.values(), *API.values(), *(rule for _, rule in OTHER_OBJECTS)]
    widened = [
        (rule.need, role.value)
        for rule in rules
        for role in rule.ok_for or {}
        if not _allowed(rule.need, role)
    ]
    assert widened == []
    assert {operation for operation, _ in API_ON_OTHER_OBJECTS} <= set(API)
    assert {name for name, _ in PAGES_ON_OTHER_OBJECTS} <= set(PAGES)


def test_domain_one_evidence_needs_record_evidence(world: dict[str, Any]) -> None:
    """Every role holds results.record_evidence, so no role's refusal shows the check: a team
    member whose group lacks only it is refused when adding evidence (the page's POST)."""
    inspection = Inspection.objects.get(pk=world["inspection"])
    inspector = User.objects.get(username="test-inspector")
    entry = ("1.2", "survey", dt.date(2019, 12, 1), "Staff survey: most feel supported.")
    add_evidence(inspection, *entry, actor=inspector)
    without = Group.objects.create(name="Inspector without evidence (fictional)")
    without.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["inspections", "assessments"],
            codename__in=["view_inspection", "assess_case"],
        )
    )
    inspector.groups.set([without])
    inspector = User.objects.get(pk=inspector.pk)  # a fresh permission cache
    with pytest.raises(Refused, match="permission"):
        add_evidence(inspection, *entry, actor=inspector)


def test_every_permission_in_the_role_table_is_checked_somewhere() -> None:
    granted = {code for codes in ROLE_PERMISSIONS.values() for code in codes}
    rules = (*PAGES.values(), *API.values(), *(rule for _, rule in OTHER_OBJECTS))
    needs = [rule.need if isinstance(rule.need, tuple) else (rule.need,) for rule in rules]
    checked = {need for some in needs for need in some} | set(CHECKED_BEYOND_THE_DOOR)
    assert sorted(granted - checked) == []


def _allowed(need: str | tuple[str, ...], role: Role | None) -> bool:
    if isinstance(need, tuple):
        return any(_allowed(one, role) for one in need)
    if need == OPEN:
        return True
    if role is None or need == STAFF:
        return False
    return need == SIGNED_IN or need in ROLE_PERMISSIONS[role]


def _ok(rule: Rule, role: Role | None) -> tuple[int, ...] | None:
    """The statuses that let ``role`` in, or None: it must be refused."""
    if rule.ok_for is not None:
        return rule.ok_for.get(role) if role is not None else None
    return rule.ok if _allowed(rule.need, role) else None


def _fill(values: dict[str, Any], world: dict[str, Any]) -> dict[str, Any]:
    def value(v: Any) -> Any:
        if isinstance(v, dict):
            return _fill(v, world)
        return world.get(v, v) if isinstance(v, str) else v

    return {key: value(v) for key, v in values.items()}


def _request(client: Client, rule: Rule, path: str, world: dict[str, Any]) -> Any:
    if rule.method in {"post", "patch"}:
        send = client.post if rule.method == "post" else client.patch
        if rule.body is not None:
            return send(path, json.dumps(_fill(rule.body, world)), content_type="application/json")
        return send(path)
    return client.get(path, _fill(rule.query, world))


def _admin_path(route: str) -> str:
    """A concrete path for an admin route: "1" for every argument, a real app label."""
    path = re.sub(r"<[^>]+>", "1", route)
    path = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "auth/", path)
    return "/" + path.replace("(?P<url>.*)$", "nothing-here/")


ROLES: list[Role | None] = [None, *Role]


@pytest.fixture
def clients(
    client_as: Callable[[Role], Client], world: dict[str, Any]
) -> dict[Role | None, Client]:
    """Anonymous, and one client per role (past two-factor sign-in where the role needs it); the
    provider quality team user works for the world's provider."""
    out: dict[Role | None, Client] = {None: Client()}
    for role in Role:
        out[role] = client_as(role)
    team = User.objects.get(
        username="test-" + Role.PROVIDER_QUALITY_TEAM.value.lower().replace(" ", "-")
    )
    Profile.objects.update_or_create(user=team, defaults={"provider": PROVIDER})
    for client in out.values():
        _keep_a_refused_caseload(client, world)
    return out


def _keep_a_refused_caseload(client: Client, world: dict[str, Any]) -> None:
    """What a refused caseload upload leaves in the session, for its problems' download."""
    session = client.session
    session[f"caseload-problems-{world['inspection']}"] = {
        "problems": [[2, "case_id", "", KEPT_PROBLEM]]
    }
    session.save()


def _to_sign_in(response: Any) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith((reverse("accounts:login"), reverse("admin:login"))) or (
        location == reverse("admin:index")  # the admin's sign-out sends a non-staff user there
    )


def _check(response: Any, rule: Rule, role: Role | None, what: str, world: dict[str, Any]) -> None:
    status = response.status_code
    who = role.value if role else "anonymous"
    body = response.content.decode(errors="replace")
    shown = [text for text in world["unseen"].get(role, ()) if text in body]
    assert shown == [], f"{who} must never be shown {shown}, but {what} shows it"
    ok = _ok(rule, role)
    if ok is not None:
        assert status in ok, f"{who} should be let in to {what}: {status} {body[:200]}"
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
            _check(response, rule, role, f"{name} ({path})", world)
            if name == "accounts:logout" and role is not None:
                clients[role] = client_as(role)  # signed out: sign in again
                _keep_a_refused_caseload(clients[role], world)
    for name, rule in PAGES_ON_OTHER_OBJECTS:
        path = reverse(name, kwargs=_fill(rule.kwargs, world))
        for role in ROLES:
            response = _request(clients[role], rule, path, world)
            _check(response, rule, role, f"{name} ({path})", world)


def test_every_api_operation_answers_exactly_the_roles_that_may_call_it(
    world: dict[str, Any], clients: dict[Role | None, Client]
) -> None:
    for operation, rule in [*API.items(), *API_ON_OTHER_OBJECTS]:
        method, template = operation.split(" ", 1)
        assert method.lower() == rule.method, f"{operation} is sent as {rule.method}"
        path = template.format(**_fill(rule.kwargs, world))
        for role in ROLES:
            response = _request(clients[role], rule, path, world)
            _check(response, rule, role, f"{operation} ({path})", world)
