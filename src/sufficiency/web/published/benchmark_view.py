"""The benchmark page's content: the core comparison as tables, and the key questions as a chart."""

from __future__ import annotations

from typing import Any

from sufficiency.published.benchmark import Comparison, Figure
from sufficiency.web.published import services
from sufficiency.web.published.charts import Spread, spread_chart_svg

CHART_CAPTION_ID = "benchmark-chart-caption"


def _spread(figure: Figure) -> Spread | None:
    if (
        figure.lowest is None
        or figure.highest is None
        or figure.median is None
        or figure.lower_quartile is None
        or figure.upper_quartile is None
    ):
        return None
    return Spread(
        label=figure.id,
        value=figure.value,
        lowest=figure.lowest,
        lower_quartile=figure.lower_quartile,
        median=figure.median,
        upper_quartile=figure.upper_quartile,
        highest=figure.highest,
    )


def comparison_context(comparison: Comparison) -> dict[str, Any]:
    spreads = [s for s in map(_spread, comparison.key_questions) if s is not None]
    chart = (
        spread_chart_svg(spreads, title_id=CHART_CAPTION_ID, provider=comparison.provider)
        if spreads
        else ""
    )
    return {
        "comparison": comparison,
        "provider": comparison.provider,
        "chart_svg": chart,
        "chart_caption_id": CHART_CAPTION_ID,
        "synthetic_reports": services.reports_for_benchmark().filter(synthetic=True).count(),
    }
