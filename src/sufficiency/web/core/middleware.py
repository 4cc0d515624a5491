"""Security middleware: headers Django 5.2 has no setting for (Content-Security-Policy), no caching
of signed-in responses, and request bodies bounded before they are read."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` with every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy: str = settings.CONTENT_SECURITY_POLICY
        self.permissions_policy = "camera=(), microphone=(), geolocation=(), payment=()"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user (pages, API, exports):
    nothing a person was shown after signing in stays in a browser's or a proxy's cache.

    Place after ``AuthenticationMiddleware``. Static files (served earlier by WhiteNoise) are
    public and keep their own caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Signed in when the request arrived, or by the time it is answered (a sign-in's redirect).
        was_signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if was_signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body that is too large before anything reads it: 413, with a message.

    The limit is ``settings.SUFFICIENCY_MAX_UPLOAD_BYTES`` for a file upload (multipart form) and
    ``settings.DATA_UPLOAD_MAX_MEMORY_SIZE`` for any other body (a form, a JSON API request). The
    declared ``Content-Length`` is checked; Django never reads past it, so a body cannot grow
    beyond what was checked. A body over Django's field-count or size limits found while reading
    (``RequestDataTooBig``, ``TooManyFieldsSent``) gets the same clear answer (400) rather than a
    server error. An authenticated user's refused upload is audited.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = self.limit_for(request)
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return too_large(request, 400, "The request's Content-Length is not a number.")
        if declared > limit:
            return self.refuse(request, declared, limit)
        return self.get_response(request)

    @staticmethod
    def limit_for(request: HttpRequest) -> int:
        content_type = str(request.META.get("CONTENT_TYPE", ""))
        if content_type.startswith("multipart/form-data"):
            return int(settings.SUFFICIENCY_MAX_UPLOAD_BYTES)
        return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)

    @staticmethod
    def refuse(request: HttpRequest, declared: int, limit: int) -> HttpResponse:
        message = (
            f"The request is too large: {_size(declared)} sent, and at most {_size(limit)} "
            "is accepted."
        )
        if request.user.is_authenticated and str(request.META.get("CONTENT_TYPE", "")).startswith(
            "multipart/form-data"
        ):
            from sufficiency.web.audit.services import record_refused_upload

            record_refused_upload(request.user, "", message, kind=f"request to {request.path}")
        return too_large(request, 413, message)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
            return too_large(request, 400, f"The request is too large: {exception}")
        return None


def too_large(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The one shape of "too large": the API's ``{"detail": …}``, or a GOV.UK page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "413.html", {"message": message}, status=status)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"
