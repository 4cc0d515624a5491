"""The JSON API at /api/ (OpenAPI docs at /api/docs), signed in by the web session.

Unsafe methods need the CSRF token as well as the session (django-ninja's SessionAuth checks it).
Each endpoint checks the same permission as the matching web page.

Every operation documents the answers it can give besides success (``_ERRORS``), and every input
error has one shape, ``ProblemsOut``, whether the engine or request validation found it.
tests/integration/test_api_fuzz.py holds the API to its schema.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Status
from ninja.errors import HttpError, ValidationError
from ninja.security import django_auth

from sufficiency.framework.problems import Problem
from sufficiency.published.benchmark import UnknownProvider
from sufficiency.web.api import schemas
from sufficiency.web.api.auth import BearerToken
from sufficiency.web.api.inspections import router as inspections_router
from sufficiency.web.api.services import REQUEST, RatingsRequestError, rate_request
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.published import services as published_services

T = TypeVar("T")
# A list index in a dotted request location: "answers.0.answer" (→ "answers[0].answer").
LIST_INDEX = re.compile(r"\.(\d+)(?=\.|$)")

api = NinjaAPI(
    title="Sufficiency API",
    version="1",
    description=(
        "Frameworks, published reports, benchmarks, the ratings engine and inspections. "
        "Sign in by the web session or with Authorization: Bearer TOKEN."
    ),
    auth=[django_auth, BearerToken()],
    urls_namespace="api",
    docs_decorator=login_required,  # the docs and the schema are for signed-in users too
)


# Besides success: not signed in (401), not allowed or no CSRF token (403), invalid (422).
_ERRORS: dict[int, Any] = {401: schemas.Message, 403: schemas.Message, 422: schemas.ProblemsOut}
_NOT_FOUND: dict[int, Any] = {404: schemas.Message}
# A body: unreadable as JSON (400), or refused by core.middleware.RequestSizeLimitMiddleware (413).
_BODY: dict[int, Any] = {400: schemas.Message, 413: schemas.Message}


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> Any:
    """A request that does not match its schema, as the one problem shape of every input error."""
    problems = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ())]
        in_body = where[:1] == ["body"]
        # ["body", "payload", "answers", 0, "answer"] → "answers[0].answer"; ["query", "x"] → "x"
        field = ".".join(where[2:] if in_body else where[1:]) or None
        field = LIST_INDEX.sub(r"[\1]", field) if field else None
        source = REQUEST if in_body else f"request {where[0] if where else ''}".strip()
        problems.append(Problem(source=source, field=field, reason=str(error.get("msg"))))
    body = {"detail": "the request is not valid", "problems": [p.as_dict() for p in problems]}
    return api.create_response(request, body, status=422)


def _found(thing: T | None) -> T:
    if thing is None:
        raise HttpError(404, "Not found")
    return thing


def _require(request: HttpRequest, permission: str) -> None:
    user = request.user if hasattr(request, "user") else AnonymousUser()
    if not user.has_perm(permission):
        raise HttpError(403, "You do not have permission to do this")


@api.get(
    "/frameworks", response={200: list[schemas.FrameworkSummary], **_ERRORS}, tags=["frameworks"]
)
def list_frameworks(request: HttpRequest) -> Any:
    _require(request, "frameworks.view_frameworkversion")
    return framework_services.versions()


@api.get(
    "/frameworks/{pk}",
    response={200: schemas.FrameworkDetail, **_NOT_FOUND, **_ERRORS},
    tags=["frameworks"],
)
def get_framework(request: HttpRequest, pk: int) -> Any:
    _require(request, "frameworks.view_frameworkversion")
    version = _found(framework_services.get_version(pk))
    framework = framework_services.framework_of(version)
    return {
        "pk": version.pk,
        "framework_id": version.framework_id,
        "version": version.version,
        "name": version.name,
        "owner": version.owner,
        "loaded_at": version.loaded_at,
        "framework": framework.model_dump(mode="json"),
    }


@api.get(
    "/published", response={200: list[schemas.ReportSummary], **_ERRORS}, tags=["published reports"]
)
def list_reports(request: HttpRequest) -> Any:
    _require(request, "published.view_publishedreport")
    return published_services.reports(request.user)


@api.get(
    "/published/{pk}",
    response={200: schemas.ReportDetail, **_NOT_FOUND, **_ERRORS},
    tags=["published reports"],
)
def get_report(request: HttpRequest, pk: int) -> Any:
    _require(request, "published.view_publishedreport")
    report = _found(published_services.get_report(pk, request.user))
    return {
        **{name: getattr(report, name) for name in schemas.ReportSummary.model_fields},
        "format": report.format,
        "source_filename": report.source_filename,
        "parsed": report.parsed,
        "revisions": report.revisions.count(),
    }


@api.get(
    "/benchmark",
    response={200: dict[str, Any], **_NOT_FOUND, **_ERRORS},
    tags=["published reports"],
    summary="Compare one provider with every stored report",
)
def benchmark(request: HttpRequest, provider: str) -> Any:
    _require(request, "published.view_publishedreport")
    try:
        return published_services.compare(provider, request.user).as_dict()
    except UnknownProvider as exc:
        return Status(404, {"detail": exc.message})


@api.post(
    "/ratings",
    response={200: dict[str, Any], **_NOT_FOUND, **_ERRORS, **_BODY},
    tags=["ratings"],
    summary="Rate every standard from answers and decisions",
)
def ratings(request: HttpRequest, payload: schemas.RatingsIn) -> Any:
    _require(request, "frameworks.view_frameworkversion")
    try:
        return Status(200, rate_request(payload, actor=request.user))
    except framework_services.FrameworkNotStored as exc:
        return Status(404, {"detail": str(exc)})
    except RatingsRequestError as exc:
        return Status(
            422, {"detail": "the answers and decisions cannot be rated", "problems": exc.as_list()}
        )


api.add_router("/inspections", inspections_router)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A request body over the limit is refused before it is read, in words."""
    return api.create_response(
        request,
        {
            "detail": "the request body is larger than "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes; nothing was read"
        },
        status=413,
    )


# Inspection results (the results app): ratings, engine files and breakdowns of an inspection.
from sufficiency.web.results.api import router as _results_router  # noqa: E402

api.add_router("/inspections", _results_router)
