"""The answers an API operation can give besides success, for its ``response=``: every router
declares them from here, so the schema lists each status code the API can send (the schemathesis
fuzz in tests/integration/test_api_fuzz.py holds every operation to it)."""

from __future__ import annotations

from typing import Any

from sufficiency.web.api.schemas import Message, ProblemsOut

# Not signed in (401), not allowed or no CSRF token (403), invalid (422: path, query or body).
ERRORS: dict[int, Any] = {401: Message, 403: Message, 422: ProblemsOut}
NOT_FOUND: dict[int, Any] = {404: Message}
# A body: unreadable as JSON (400), or refused by core.middleware.RequestSizeLimitMiddleware (413).
BODY: dict[int, Any] = {400: Message, 413: Message}
