"""Mount the API. The API answers 401 itself, so the sign-in redirect does not apply to it."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver

from sufficiency.web.api.api import api


def _open_to_api_auth(patterns: list[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _open_to_api_auth(pattern.url_patterns)
        else:
            pattern.callback.login_required = False  # type: ignore[attr-defined]


def api_urls() -> Any:
    patterns, app_name, namespace = api.urls
    _open_to_api_auth(patterns)
    return patterns, app_name, namespace
