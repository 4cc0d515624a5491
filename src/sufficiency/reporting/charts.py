"""Charts of key question percentages against the framework's band thresholds, as SVG.

matplotlib draws them with its SVG backend (no pyplot, no global state), with every label written
as text: text stays text (``svg.fonttype: none``) and is never read as mathtext or TeX
(``text.parse_math`` and ``text.usetex`` off), so a "$" in a label is a dollar sign. The SVG
carries a <title> (the PDF's alternate text) and is placed beside a text alternative.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from sufficiency.framework import RatingsConfig

# matplotlib's SVG starts with an XML declaration and a DOCTYPE, and carries a metadata block
# (creator, date): none of them belong inside an HTML page.
SVG_START = re.compile(r"<svg\b")
SVG_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
# matplotlib numbers the elements of every chart alike ("patch_1", clip paths by their box): an id,
# and each reference to one, gets the chart's own prefix so that two charts on a page never clash.
SVG_ID = re.compile(r'\bid="([^"]+)"')
SVG_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')

BAR = "#1d70b8"  # GOV.UK blue
LINE = "#0b0c0c"
SHADES = ("#f3f2f1", "#ffffff")  # the bands alternate light grey and white, worst first


@dataclass(frozen=True)
class Bar:
    label: str  # the key question's id
    percent: int | None  # None: no figure (no case answered yes or no)


def key_question_chart(
    title: str, bars: Sequence[Bar], ratings: RatingsConfig, chart_id: str
) -> str:
    """A horizontal bar chart of ``bars`` (percent yes) with a line at each band threshold,
    labelled with the band's rating; SVG text to place inline."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "sufficiency-report",
            "svg.id": "",
            "text.parse_math": False,
            "text.usetex": False,
            "font.family": ["DejaVu Sans"],  # matplotlib ships it: the same chart on every machine
            "font.size": 9,
        }
    ):
        height = 0.32 * len(bars) + 1.6
        figure = Figure(figsize=(6.3, height))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        rows = list(range(len(bars)))[::-1]
        axes.barh(rows, [b.percent or 0 for b in bars], color=BAR, height=0.6, zorder=2)
        for row, bar in zip(rows, bars, strict=True):
            shown = "no figure" if bar.percent is None else f"{bar.percent}%"
            axes.text((bar.percent or 0) + 1, row, shown, va="center", fontsize=8)
        axes.set_yticks(rows, [b.label for b in bars])
        axes.set_xlim(0, 100)
        axes.set_ylim(-0.7, len(bars) - 0.3)
        axes.set_xlabel("Cases answered yes (%)")
        _draw_bands(axes, ratings)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _titled(buffer.getvalue(), title, chart_id)


def _draw_bands(axes: Any, ratings: RatingsConfig) -> None:
    """Each band as a shaded region named above the plot, a dashed line at each threshold."""
    bands = sorted(ratings.key_question_bands, key=lambda b: b.min_percent)
    for n, band in enumerate(bands):
        upper = bands[n + 1].min_percent if n + 1 < len(bands) else 100
        axes.axvspan(band.min_percent, upper, color=SHADES[n % len(SHADES)], zorder=0)
        if band.min_percent > 0:
            axes.axvline(band.min_percent, color=LINE, linewidth=0.8, linestyle="--", zorder=1)
        axes.text(
            (band.min_percent + upper) / 2,
            1.02,
            str(band.rating).replace(" ", "\n", 1),
            transform=axes.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=7,
        )


def _titled(svg: str, title: str, chart_id: str) -> str:
    start = SVG_START.search(svg)
    assert start is not None, "matplotlib wrote no <svg> element"
    svg = SVG_METADATA.sub("", svg[start.start() :])
    svg = SVG_ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = SVG_REFERENCE.sub(lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)
    head_end = svg.index(">") + 1
    opening = svg[:head_end].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title" focusable="false" ',
        1,
    )
    return f'{opening}<title id="{chart_id}-title">{escape(title)}</title>{svg[head_end:]}'
