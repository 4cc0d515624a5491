"""The benchmark page's content: the core comparison as table rows and a chart."""

from __future__ import annotations

from typing import Any

from sufficiency.web.published import services


def comparison_context(provider: str) -> dict[str, Any]:
    comparison = services.compare(provider)
    return {"provider": provider, "comparison": comparison}
