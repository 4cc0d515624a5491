"""The benchmark chart marks the framework's own band thresholds and the provider's figures."""

from __future__ import annotations

import re
from dataclasses import replace

from published_builders import shared_report
from sufficiency.framework import load_framework
from sufficiency.published.benchmark import compare
from sufficiency.published.charts import comparison_chart_svg


def reports() -> list[dict]:
    return [shared_report(name)[1] for name in ("essex-crc-2018", "dorset-devon-cornwall-crc-2019")]


def vertical_lines_at(svg: str) -> int:
    """How many dotted vertical lines (the threshold markers) the chart draws."""
    return len(re.findall(r"stroke-dasharray", svg))


def test_the_chart_is_labelled_for_inline_use():
    svg = comparison_chart_svg(compare(reports(), "Essex"), title_id="caption")
    assert svg.startswith("<svg ")
    assert 'role="img" aria-labelledby="caption"' in svg
    assert "Essex Community Rehabilitation Company" in svg  # the legend
    assert all(qid in svg for qid in ("2.1.1", "4.2.3"))


def test_a_chart_of_its_own_carries_its_title():
    svg = comparison_chart_svg(compare(reports(), "Dorset"))
    assert (
        "<title>Key questions: Dorset, Devon and Cornwall Community Rehabilitation Company" in svg
    )


def test_the_threshold_lines_come_from_the_framework():
    framework = load_framework("hmip-probation-2018")
    comparison = compare(reports(), "Essex", framework)
    assert comparison.thresholds == (80, 65, 50)
    three = comparison_chart_svg(comparison)
    two = comparison_chart_svg(replace(comparison, thresholds=(70, 40)))
    assert vertical_lines_at(three) - vertical_lines_at(two) == 1


def test_a_provider_name_is_text_never_mathematics():
    """A name with dollar signs is shown as written; matplotlib would typeset (or choke on)
    "$...$" as mathematics (issue 9)."""
    name = r"Marsh $\frac{1}{$ and Vale $x^2$ Community Rehabilitation Company"
    records = reports()
    records[0] = {**records[0], "provider": name}
    svg = comparison_chart_svg(compare(records, "Marsh"))
    assert r"Marsh $\frac{1}{$ and Vale $x^2$ Community Rehabilitation Company" in svg
    assert "<title>Key questions: Marsh $\\frac{1}{$ and Vale $x^2$" in svg
