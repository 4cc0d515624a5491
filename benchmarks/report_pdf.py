"""How long the PDF of a 250-case inspection's report takes (target: under 5 s).

    uv run python benchmarks/report_pdf.py [--runs 5] [--check]

An invented inspection (``reporting.example``, seeded, as ``sufficiency report example`` writes
it): 250 cases (150 case supervision, 60 unpaid work, 40 Through the Gate) over five local delivery
units, answers drawn at random and rated by the ratings engine, a ratings-panel decision, and a
narrative of realistic length (a few paragraphs per standard, strengths and areas for improvement
per domain, recommendations, practice examples).

Timed, each the median of ``--runs`` runs after a warm-up, in one process:

- **baseline**: WeasyPrint rendering a plain HTML page of the same words (the report's text as
  plain paragraphs, same fonts and page size, no tables, charts or tagging);
- **build**: ``build_report`` (guard, tables, methodology, the charts drawn by matplotlib);
- **render**: ``render_pdf`` of the built report (HTML, then tagged PDF/UA-1 by WeasyPrint);
- **whole**: data → PDF bytes, as ``sufficiency report build --format pdf`` does it.

``--check`` exits 1 when the whole build takes 5 s or more.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import time
from collections.abc import Callable

from sufficiency.reporting import build_report, render_html, render_pdf
from sufficiency.reporting.example import example_report_data

TARGET_S = 5.0


def plain_page(report_html: str) -> str:
    """The report's words as plain paragraphs: the same text for WeasyPrint to lay out."""
    body = re.sub(r"<style>.*?</style>|<svg\b.*?</svg>", " ", report_html, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", body))
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    style = (
        "@page { size: A4; margin: 20mm 18mm 22mm } "
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt }"
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><style>{style}</style></head><body>'
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + "</body></html>"
    )


def median_seconds(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``runs`` calls after a warm-up (imports, fonts, framework).

    Both are given because the machine is shared: under load the wall time grows with other
    processes' work, while this process's CPU time does not."""
    action()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def line(label: str, figures: tuple[float, float], baseline: tuple[float, float]) -> str:
    (wall, cpu), (base_wall, base_cpu) = figures, baseline
    return (
        f"  {label:<52} wall {wall:5.2f} s ({wall / base_wall:3.1f}x)   "
        f"CPU {cpu:5.2f} s ({cpu / base_cpu:3.1f}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when over the target")
    args = parser.parse_args()

    import weasyprint

    data = example_report_data(cases=250, seed=7)
    report = build_report(data)
    page = plain_page(render_html(report))
    pdf = render_pdf(report)
    baseline = median_seconds(lambda: weasyprint.HTML(string=page).write_pdf(), args.runs)
    built = median_seconds(lambda: build_report(data), args.runs)
    rendered = median_seconds(lambda: render_pdf(report), args.runs)
    whole = median_seconds(lambda: render_pdf(build_report(data)), args.runs)
    print(
        f"250-case inspection report: {len(pdf) / 1024:.0f} KiB PDF, "
        f"{len(report.tables())} tables; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores; median of {args.runs} runs (x: against the baseline)"
    )
    print(line("baseline: WeasyPrint, the same words as paragraphs", baseline, baseline))
    print(line("build_report (guard, tables, methodology, charts)", built, baseline))
    print(line("render_pdf (HTML, tagged PDF/UA-1)", rendered, baseline))
    print(line("whole: data -> PDF bytes", whole, baseline))
    met = whole[0] < TARGET_S
    print(f"  target: the whole under {TARGET_S:.0f} s wall: {'met' if met else 'MISSED'}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
