"""The report as HTML in the GOV.UK style (Jinja2, autoescaping on).

``render_html(report)`` gives a page that stands alone (its stylesheet inline);
``standalone=False`` gives the ``<main>`` fragment for a page of the app. Every word is escaped;
the one thing passed through is each chart's SVG, which matplotlib drew (and escaped) itself.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from sufficiency.reporting.document import Chart, Report, Section

HEADING_CLASSES = {2: "govuk-heading-l", 3: "govuk-heading-m", 4: "govuk-heading-s"}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("sufficiency.reporting", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def stylesheet(name: str) -> str:
    return resources.files("sufficiency.reporting").joinpath("templates", name).read_text("utf-8")


def render_html(report: Report, *, standalone: bool = True, extra_css: str = "") -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=_with_safe_charts(report),
        standalone=standalone,
        stylesheet=Markup(stylesheet("report.css") + extra_css),  # noqa: S704 - our own file
        heading_classes={**HEADING_CLASSES, 5: "govuk-heading-s", 6: "govuk-heading-s"},
    )


def _with_safe_charts(report: Report) -> Report:
    def visit(section: Section) -> Section:
        blocks = tuple(
            replace(b, svg=Markup(b.svg)) if isinstance(b, Chart) else b  # noqa: S704
            for b in section.blocks
        )
        return replace(section, blocks=blocks, children=tuple(visit(c) for c in section.children))

    return replace(report, sections=tuple(visit(s) for s in report.sections))
