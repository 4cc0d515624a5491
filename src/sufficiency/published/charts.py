"""The benchmark chart: each key question's spread across providers, and one provider's figure.

Rendered by matplotlib (Agg backend, imported only when a chart is drawn) as SVG text, placed
inline in the benchmark page (labelled by its caption, beside a table that carries every figure)
or written to a file by `sufficiency published compare --chart`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from sufficiency.published.benchmark import Comparison, Figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as MplFigure


@dataclass(frozen=True)
class Spread:
    """One key question across the stored reports, and the chosen provider's figure."""

    label: str
    value: float | None
    lowest: float
    lower_quartile: float
    median: float
    upper_quartile: float
    highest: float


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


def comparison_chart_svg(comparison: Comparison, *, title_id: str | None = None) -> str:
    """The key questions of a comparison as an SVG chart; "" when no key question has figures.

    With ``title_id`` the chart is labelled by that element of the page it is placed in;
    without it, the chart carries its own title (for a file of its own).
    """
    spreads = [s for s in map(_spread, comparison.key_questions) if s is not None]
    if not spreads:
        return ""
    return spread_chart_svg(
        spreads,
        title_id=title_id,
        provider=comparison.provider,
        thresholds=comparison.thresholds,
    )


def spread_chart_svg(
    spreads: Sequence[Spread],
    *,
    title_id: str | None,
    provider: str,
    thresholds: Sequence[int],
) -> str:
    """An SVG chart of ``spreads`` (percent, 0–100) with the band ``thresholds`` marked."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    # labels are text, always: a provider named "$x^2$ Services" is not mathematics to typeset
    height = 0.42 * len(spreads) + 2.0
    # labels are text, always: a provider named "$x^2$ Services" is not mathematics to typeset
    with plt.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "sufficiency",
            "font.size": 10,
            "text.parse_math": False,
            "text.usetex": False,
        }
    ):
        fig, ax = plt.subplots(figsize=(8, height))
        svg = _draw(fig, ax, spreads, provider, thresholds)
    return _labelled(svg, title_id, provider)


def _draw(
    fig: MplFigure, ax: Axes, spreads: Sequence[Spread], provider: str, thresholds: Sequence[int]
) -> str:
    from matplotlib import pyplot as plt

    try:
        for row, spread in enumerate(reversed(spreads)):
            ax.plot([spread.lowest, spread.highest], [row, row], color="#505a5f", linewidth=1)
            ax.plot(
                [spread.lower_quartile, spread.upper_quartile],
                [row, row],
                color="#b1b4b6",
                linewidth=8,
                solid_capstyle="butt",
            )
            ax.plot([spread.median], [row], marker="|", color="#0b0c0c", markersize=14)
            if spread.value is not None:
                ax.plot([spread.value], [row], marker="o", color="#1d70b8", markersize=7)
        ax.set_yticks(range(len(spreads)), [s.label for s in reversed(spreads)])
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.6, len(spreads) - 0.4)
        ax.set_xlabel("Cases answered yes (%)")
        for threshold in thresholds:
            ax.axvline(threshold, color="#d4351c", linewidth=0.6, linestyle=":")
        ax.plot([], [], marker="o", color="#1d70b8", linestyle="none", label=provider)
        ax.plot([], [], marker="|", color="#0b0c0c", linestyle="none", label="Median")
        ax.plot([], [], color="#b1b4b6", linewidth=8, label="Middle half of providers")
        ax.plot([], [], color="#505a5f", linewidth=1, label="Lowest to highest")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
    finally:
        plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE for inline use
    start, end = svg.find("<metadata>"), svg.find("</metadata>")
    if 0 <= start < end:
        svg = svg[:start] + svg[end + len("</metadata>") :]
    return svg


def _labelled(svg: str, title_id: str | None, provider: str) -> str:
    if title_id is not None:
        return svg.replace(
            "<svg ", f'<svg role="img" aria-labelledby="{title_id}" focusable="false" ', 1
        )
    title = escape(
        f"Key questions: {provider} beside every stored report (% of cases answered yes)"
    )
    head_end = svg.index(">") + 1
    return (
        svg[:head_end].replace("<svg ", '<svg role="img" ', 1)
        + f"<title>{title}</title>"
        + svg[head_end:]
    )
