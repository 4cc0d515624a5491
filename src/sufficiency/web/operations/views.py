"""The error page for a failure the service cannot show its normal pages for.

Django calls ``handler500`` for any exception a view or middleware raised. While the database is
down (or refuses connections) that is a :class:`~django.db.DatabaseError`: the visitor gets a
GOV.UK "service unavailable" page with status 503 and ``Retry-After``, never a traceback, and the
next request tries the database again, so the service recovers by itself when it is back. Neither
page touches the database, the session or the signed-in user.
"""

from __future__ import annotations

import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) is the database failing."""
    while exc is not None:
        if isinstance(exc, DatabaseError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if database_unavailable(sys.exc_info()[1]):
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": "The service is unavailable. Try again later."}, status=503
            )
        else:
            page = loader.get_template("operations/unavailable.html").render()
            response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
