"""How long parsing a published inspection report takes, as text and as PDF.

    uv run python benchmarks/published_parse.py [--runs 30] [--pdf] [--check]

Targets: a text report parsed in under 200 ms (issue 4); a PDF report parsed in under 1 s, and its
text step within 2x PDFium's own text extraction of the same file, with the same parse results as
the text (issue 13).

For each shared report (../shared/published/*.txt) it prints the median and 90th percentile of:
the baseline (reading the file and cleaning its text, no parsing) and the whole parse from the
file (``parse_report``). With ``--pdf`` it makes a PDF of each report with WeasyPrint and times,
side by side in the same run: PDFium's own text extraction (pypdfium2: open the file, every
page's text page and text, the floor), our text step in this process (``pdf_text_in_process``:
PDFium's text runs and boxes, laid out as lines; the two timed in turn, and their ratio taken
pair by pair), the same step as an upload has it (``pdf_text``:
a limited process of its own), and the whole ``parse_report`` of the PDF; it checks that the PDF
gives the same parse as the text; and it times a bulk parse of 8 PDFs one at a time and through
``parse_files`` (several at a time). The framework is loaded once before timing, as in a
long-running process (the web app); the first parse of the process is printed on its own.
``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sufficiency.published import parse_report
from sufficiency.published.parser import default_framework
from sufficiency.published.text import clean

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "published"
TEXT_TARGET_MS = 200.0
PDF_TARGET_MS = 1000.0
STEP_TARGET_RATIO = 2.0
CONTRACT = ("provider", "overall_rating", "standards", "key_questions", "samples")


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


def paired_timings(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[tuple[float, float], tuple[float, float], float]:
    """Both actions timed in turn (first, second, first, …), so that a machine shared with
    others loads both alike: their (median, p90) in ms, and the median of the per-pair ratios
    second / first."""
    first()
    second()
    a, b = [], []
    for _ in range(runs):
        for action, times in ((first, a), (second, b)):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    ratio = statistics.median(y / x for x, y in zip(a, b, strict=True))
    a.sort()
    b.sort()
    p90 = min(runs - 1, int(0.9 * runs))
    return (statistics.median(a), a[p90]), (statistics.median(b), b[p90]), ratio


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
    style = (  # as the tests make their PDFs (tests/published_builders.report_html)
        "@page { size: A4; margin: 2cm } body { font-family: 'DejaVu Sans', sans-serif; "
        "font-size: 10pt } td { padding: 2pt 8pt; vertical-align: top }"
    )
    html_text = f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"
    weasyprint.HTML(string=html_text).write_pdf(path)
    return path


def pdfium_text(data: bytes) -> str:
    """PDFium's own text extraction of a whole file: the floor the text step is measured on."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


def row(name: str, step: str, median: float, p90: float, note: str = "") -> None:
    print(f"{name:32} {step:36} {median:9.1f} {p90:8.1f}  {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf", action="store_true", help="also time PDFs made from the texts")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    reports = sorted(SHARED.glob("*.txt"))
    start = time.perf_counter()
    parse_report(reports[0])  # the first parse in this process also loads the framework
    cold = (time.perf_counter() - start) * 1000
    default_framework()  # from here on it is loaded, as in a long-running process

    print(f"{'report':32} {'step':36} {'median ms':>9} {'p90 ms':>8}")
    missed: list[str] = []
    worst_text = 0.0
    with tempfile.TemporaryDirectory() as folder:
        pdfs = []
        for path in reports:
            name = path.stem
            base = timings(lambda p=path: clean(p.read_text(encoding="utf-8")), args.runs)
            full = timings(lambda p=path: parse_report(p), args.runs)
            worst_text = max(worst_text, full[0])
            row(name, "baseline: read + clean", *base)
            row(name, "parse_report (text file)", *full)
            if args.pdf:
                pdfs.append(
                    make_pdf(path.read_text(encoding="utf-8"), Path(folder) / f"{name}.pdf")
                )
                missed += time_pdf(name, path, pdfs[-1], max(5, args.runs // 3))
        if args.pdf:
            missed += time_bulk(pdfs)
    print(f"\nfirst parse in a fresh process (loads the framework too): {cold:.1f} ms")
    if worst_text >= TEXT_TARGET_MS:
        missed.append(f"text parse {worst_text:.1f} ms")
    print(f"slowest median text parse: {worst_text:.1f} ms (target {TEXT_TARGET_MS:.0f} ms)")
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if args.check and missed else 0


def time_pdf(name: str, text_path: Path, pdf: Path, runs: int) -> list[str]:
    from sufficiency.published.pdf import pdf_text, pdf_text_in_process

    data = pdf.read_bytes()
    floor, step, ratio = paired_timings(
        lambda: pdfium_text(data), lambda: pdf_text_in_process(data), runs
    )
    upload = timings(lambda: pdf_text(data), runs)
    whole = timings(lambda: parse_report(pdf), runs)
    row(name, "PDF: PDFium's own text (floor)", *floor)
    row(name, "PDF: our text step, in process", *step, f"{ratio:.2f}x the floor (paired)")
    row(name, "PDF: our text step, limited process", *upload)
    row(name, "PDF: parse_report (PDF file)", *whole)
    from_pdf = parse_report(pdf).as_dict()
    from_text = parse_report(text_path).as_dict()
    same = all(from_pdf[k] == from_text[k] for k in CONTRACT)
    print(f"{name:32} {'PDF gives the same parse as the text':36} {'yes' if same else 'NO'}")
    missed = []
    if ratio > STEP_TARGET_RATIO:
        missed.append(f"{name} text step {ratio:.2f}x PDFium")
    if whole[0] >= PDF_TARGET_MS:
        missed.append(f"{name} PDF parse {whole[0]:.0f} ms")
    if not same:
        missed.append(f"{name} PDF parse differs from the text's")
    return missed


def _bulk(files: list[Path], workers: int | None) -> tuple[float, float, list[object]]:
    """Wall time of a bulk parse, the processor time it used (this process and the PDF
    processes) over that wall time (how many cores were busy on it), and its results."""
    import resource

    from sufficiency.web.published.services import parse_files

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    cpu_start, start = cpu(), time.perf_counter()
    results: list[object] = list(parse_files(files, workers=workers))
    wall = time.perf_counter() - start
    return wall, (cpu() - cpu_start) / wall, results


def time_bulk(pdfs: list[Path]) -> list[str]:
    """8 PDFs parsed one at a time, then as ``published import`` parses them."""
    import os

    from sufficiency.web.setup import setup_django

    setup_django()
    files = pdfs * (8 // len(pdfs))
    alone, alone_cores, _ = _bulk(files, 1)
    together, together_cores, results = _bulk(files, None)
    failed = [r for r in results if not hasattr(r, "parsed")]
    print(
        f"\nbulk parse of {len(files)} PDFs: one at a time {alone:.2f} s ({alone_cores:.2f} cores "
        f"busy), through parse_files ({os.cpu_count()} workers) {together:.2f} s "
        f"({together_cores:.2f} cores busy): {alone / together:.2f}x as fast"
        + (f"; {len(failed)} refused" if failed else "")
    )
    return [f"{len(failed)} PDFs refused in the bulk parse"] if failed else []


if __name__ == "__main__":
    sys.exit(main())
