"""How long parsing a published inspection report takes (target: under 200 ms a report).

    uv run python benchmarks/published_parse.py [--runs 30] [--pdf]

For each shared report (../shared/published/*.txt) it prints the median and 90th-percentile time
of: the baseline (reading the file and cleaning its text, no parsing), the whole parse from the
file (``parse_report``: reading, cleaning, parsing, checks), and with ``--pdf`` the parse of a
PDF made from the same text with WeasyPrint (a few runs: PDF text extraction is the slow part).
The framework is loaded once before timing, as a long-running process (the web app) would; the
first parse of the process, which also loads it, is printed on its own.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sufficiency.published import parse_report
from sufficiency.published.parser import default_framework
from sufficiency.published.text import clean

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "published"
TARGET_MS = 200.0


def timings(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, 90th percentile) of ``runs`` timed calls, in milliseconds, after one warm-up."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.9 * len(times)))]


def make_pdf(text: str, path: Path) -> Path:
    import html

    import weasyprint

    parts, rows = [], []
    for line in [*text.split("\n"), ""]:
        if "\t" in line:
            rows.append("".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")))
            continue
        if rows:
            parts.append("<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")
            rows = []
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    weasyprint.HTML(string="<html><body>" + "".join(parts) + "</body></html>").write_pdf(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf", action="store_true", help="also time PDFs made from the texts")
    args = parser.parse_args()
    reports = sorted(SHARED.glob("*.txt"))
    start = time.perf_counter()
    parse_report(reports[0])  # the first parse in this process also loads the framework
    cold = (time.perf_counter() - start) * 1000
    default_framework()  # from here on it is loaded, as in a long-running process

    print(f"{'report':34} {'step':28} {'median ms':>10} {'p90 ms':>8}")
    worst = 0.0
    for path in reports:
        name = path.stem
        base = timings(lambda p=path: clean(p.read_text(encoding="utf-8")), args.runs)
        full = timings(lambda p=path: parse_report(p), args.runs)
        worst = max(worst, full[0])
        print(f"{name:34} {'baseline: read + clean':28} {base[0]:10.1f} {base[1]:8.1f}")
        print(f"{name:34} {'parse_report (text file)':28} {full[0]:10.1f} {full[1]:8.1f}")
        if args.pdf:
            with tempfile.TemporaryDirectory() as folder:
                pdf = make_pdf(path.read_text(encoding="utf-8"), Path(folder) / f"{name}.pdf")
                pdf_times = timings(lambda p=pdf: parse_report(p), 3)
            print(
                f"{name:34} {'parse_report (PDF, 3 runs)':28} {pdf_times[0]:10.1f} {pdf_times[1]:8.1f}"
            )
    print(f"\nfirst parse in a fresh process (loads the framework too): {cold:.1f} ms")
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"\nslowest median text parse: {worst:.1f} ms, {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
