from __future__ import annotations

from django.http import HttpRequest

from sufficiency.web.core.navigation import NavItem, items_for


def navigation(request: HttpRequest) -> dict[str, str | list[NavItem]]:
    return {"service_name": "Sufficiency", "navigation": items_for(request)}
