"""The benchmark page's content: the core comparison as tables, and the key questions as a chart."""

from __future__ import annotations

from typing import Any

from sufficiency.published.benchmark import Comparison
from sufficiency.published.charts import comparison_chart_svg
from sufficiency.web.published import services

CHART_CAPTION_ID = "benchmark-chart-caption"


def comparison_context(comparison: Comparison) -> dict[str, Any]:
    chart = comparison_chart_svg(comparison, title_id=CHART_CAPTION_ID)
    return {
        "comparison": comparison,
        "provider": comparison.provider,
        "chart_svg": chart,
        "chart_caption_id": CHART_CAPTION_ID,
        "synthetic_reports": services.reports_for_benchmark().filter(synthetic=True).count(),
    }
