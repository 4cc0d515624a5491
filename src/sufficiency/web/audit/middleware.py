"""Within a request, changes recorded by the audit receivers name the request's user."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sufficiency.web.audit.services import acting_as


class AuditActorMiddleware:
    """Place after ``AuthenticationMiddleware``: the user is read only if something is recorded."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(lambda: request.user):
            return self.get_response(request)
