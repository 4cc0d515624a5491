"""The JSON API at /api/ (OpenAPI docs at /api/docs), signed in by the web session.

Unsafe methods need the CSRF token as well as the session (django-ninja's SessionAuth checks it).
Each endpoint checks the same permission as the matching web page.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from sufficiency.published.benchmark import UnknownProvider
from sufficiency.web.api import schemas
from sufficiency.web.api.auth import BearerToken
from sufficiency.web.api.inspections import router as inspections_router
from sufficiency.web.api.services import RatingsRequestError, rate_request
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.published import services as published_services

T = TypeVar("T")

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


def _found(thing: T | None) -> T:
    if thing is None:
        raise HttpError(404, "Not found")
    return thing


def _require(request: HttpRequest, permission: str) -> None:
    user = request.user if hasattr(request, "user") else AnonymousUser()
    if not user.has_perm(permission):
        raise HttpError(403, "You do not have permission to do this")


@api.get("/frameworks", response=list[schemas.FrameworkSummary], tags=["frameworks"])
def list_frameworks(request: HttpRequest) -> Any:
    _require(request, "frameworks.view_frameworkversion")
    return framework_services.versions()


@api.get("/frameworks/{pk}", response=schemas.FrameworkDetail, tags=["frameworks"])
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


@api.get("/published", response=list[schemas.ReportSummary], tags=["published reports"])
def list_reports(request: HttpRequest) -> Any:
    _require(request, "published.view_publishedreport")
    return published_services.reports()


@api.get("/published/{pk}", response=schemas.ReportDetail, tags=["published reports"])
def get_report(request: HttpRequest, pk: int) -> Any:
    _require(request, "published.view_publishedreport")
    report = _found(published_services.get_report(pk))
    return {
        **{name: getattr(report, name) for name in schemas.ReportSummary.model_fields},
        "format": report.format,
        "source_filename": report.source_filename,
        "parsed": report.parsed,
        "revisions": report.revisions.count(),
    }


@api.get(
    "/benchmark",
    response={200: dict[str, Any], 404: schemas.Message},
    tags=["published reports"],
    summary="Compare one provider with every stored report",
)
def benchmark(request: HttpRequest, provider: str) -> Any:
    _require(request, "published.view_publishedreport")
    try:
        return published_services.compare(provider).as_dict()
    except UnknownProvider as exc:
        return Status(404, {"detail": exc.message})


@api.post(
    "/ratings",
    response={200: dict[str, Any], 404: schemas.Message, 422: schemas.ProblemsOut},
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
