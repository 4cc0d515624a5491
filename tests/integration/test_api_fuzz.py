"""A property-based fuzz of the whole API from its own OpenAPI schema (schemathesis).

Every operation the schema lists is called with generated requests, signed in as an inspection
manager (who may call every operation), and every response must be no server error and must
match the schema: its status code, content type and body. The number of examples per operation
is bounded (``MAX_EXAMPLES``) so the run stays short; SQLite is enough here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from sufficiency.web.accounts.services import Role
from sufficiency.web.api.api import api
from sufficiency.web.frameworks.models import FrameworkVersion

MAX_EXAMPLES = 80


def _without_session_auth(raw: dict[str, Any]) -> dict[str, Any]:
    """The API's schema, less its session-cookie security scheme: each request is signed in by
    the test itself (a real session and CSRF token), so the fuzz varies everything else.
    Anonymous and refused requests are tested by test_access_matrix.py."""
    for operations in raw["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    raw.get("components", {}).pop("securitySchemes", None)
    return raw


schema = schemathesis.openapi.from_dict(_without_session_auth(api.get_openapi_schema()))
schema.app = WSGIHandler()

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the fuzz runs on SQLite only"),
]


@pytest.fixture
def signed_in(
    client_as: Callable[[Role], Client], framework_version: FrameworkVersion
) -> Iterator[dict[str, Any]]:
    """Headers of an inspection manager's session, with its CSRF token; the database stays the
    test's own (Django closes connections after each request, which would end the test's
    transaction; its test client stops that, and so does this)."""
    client = client_as(Role.INSPECTION_MANAGER)  # past two-factor sign-in
    client.get("/home/")
    session, token = client.cookies["sessionid"].value, client.cookies["csrftoken"].value
    request_finished.disconnect(close_old_connections)
    try:
        yield {"sessionid": session, "csrftoken": token}
    finally:
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_within_its_schema(
    case: Any, signed_in: dict[str, str]
) -> None:
    case.call_and_validate(
        cookies=signed_in,
        headers={"X-CSRFToken": signed_in["csrftoken"]},
        # A request can match the schema and still be refused with the documented 422 problems
        # (a question id the framework lacks, an answer that is not yes, no or n/a): the engine's
        # rules are not all expressible in JSON Schema. Every other check applies.
        excluded_checks=[positive_data_acceptance],
    )
