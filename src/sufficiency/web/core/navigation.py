"""The service navigation: what a signed-in person can reach, in the order of their work."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    text: str
    url: str
    active: bool


_ITEMS: tuple[tuple[str, str, str | None], ...] = (
    # (text, url name, permission needed or None)
    ("Home", "core:home", None),
    ("My cases", "assessments:my_cases", "assessments.assess_case"),
    ("Inspections", "inspections:list", "inspections.view_inspection"),
    ("Providers", "providers:list", "providers.change_provider"),
    ("Frameworks", "frameworks:list", "frameworks.view_frameworkversion"),
    ("Published reports", "published:list", "published.view_publishedreport"),
    ("Benchmark", "published:benchmark_index", "published.view_publishedreport"),
    ("Inspection (demo)", "demo:inspection", "inspections.view_inspection"),
    ("Audit log", "audit:list", "audit.view_auditevent"),
    ("Users", "accounts:users", "accounts.reset_password"),
)


def items_for(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    path = request.path
    out: list[NavItem] = []
    for text, name, permission in _ITEMS:
        if permission is not None and not user.has_perm(permission):
            continue
        url = reverse(name)
        active = path == url if url == reverse("core:home") else path.startswith(url)
        out.append(NavItem(text, url, active))
    return out
