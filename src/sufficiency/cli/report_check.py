"""`sufficiency report check`: build the report, read it back as a published report, compare.

The round trip anyone can run: the PDF (or HTML) the report core writes, read by the published
report parser, must give exactly the ratings, key question figures, sample sizes and ratings
panel footnotes it was built from. Here, in the command line, because the two core packages
(``reporting`` and ``published``) never import each other.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sufficiency.cli._common import console, fail

if TYPE_CHECKING:
    from sufficiency.published import ParsedReport
    from sufficiency.reporting import ReportData

EXIT_DIFFERENT = 1
# Text extraction gives typographic quotes and odd spaces back plainly: compared as plain text.
PLAIN_CHARACTERS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def _plain(text: str | None) -> str | None:
    return None if text is None else " ".join(text.translate(PLAIN_CHARACTERS).split())


def check(
    data: Annotated[Path, typer.Option(help="REPORT.json: the report data.")],
    output_format: Annotated[str, typer.Option("--format", help="pdf or html.")] = "pdf",
) -> None:
    """Build the report and read it back with `sufficiency published parse`: the figures must be
    exactly the data's."""
    from sufficiency.published import ReportParseError, parse_report
    from sufficiency.reporting import ReportError
    from sufficiency.reporting.files import read_report_data
    from sufficiency.reporting.formats import ReportFormat, report_files

    if output_format not in ("pdf", "html"):
        fail(f"--format {output_format!r}: choose pdf or html")
    try:
        report_data = read_report_data(data)
        (content,) = report_files(report_data, ReportFormat(output_format)).values()
    except ReportError as exc:
        fail(
            f"cannot build the report: {len(exc.problems)} problem(s)",
            [str(p) for p in exc.problems],
        )
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / f"report.{output_format}"
        written.write_bytes(content)
        try:
            parsed = parse_report(written, report_data.framework)
        except ReportParseError as exc:
            fail(f"the built report cannot be read back: {exc.message}", exc.problem_lines())
    differences = round_trip_differences(report_data, parsed)
    for line in differences:
        console.print(f"different: {line}", highlight=False, markup=False)
    if differences:
        raise typer.Exit(EXIT_DIFFERENT)
    console.print(
        f"The {output_format.upper()} reads back with every rating, key question figure, sample "
        "size and panel footnote of the data.",
        highlight=False,
        markup=False,
    )


def round_trip_differences(data: ReportData, parsed: ParsedReport) -> list[str]:
    """Each way the report as read back differs from the data it was built from."""
    from sufficiency.published import CheckStatus
    from sufficiency.reporting.results import panel_note

    ratings, fw = data.ratings, data.framework
    out: list[str] = []

    def compare(what: str, read: object, given: object) -> None:
        if read != given:
            out.append(f"{what}: the report reads {read}, the data gives {given}")

    compare("overall rating", parsed.overall_rating, ratings.overall and ratings.overall.rating)
    read_standards = {s.id: s.rating for s in parsed.standards}
    for result in ratings.standards:
        compare(f"standard {result.id}", read_standards.get(result.id), result.awarded_rating)
    read_figures = {q.id: q for q in parsed.key_questions}
    for figure in ratings.key_questions:
        read = read_figures.get(figure.id)
        compare(f"key question {figure.id}", read and read.percent_yes, figure.percent)
        relevant = fw.key_questions[figure.id].relevant_subsample_only
        if read is not None and read.relevant_subsample_only != relevant:
            out.append(f"key question {figure.id}: the relevant sub-sample footnote is not read")
    compare("samples", dict(parsed.samples), {s.id: s.size for s in data.methodology.samples})
    explained = {
        c.standard: c.explanation
        for c in parsed.checks.standards
        if c.status is CheckStatus.PANEL_ADJUSTMENT
    }
    for result in ratings.standards:
        if result.panel_adjusted:
            note = panel_note(fw.standards[result.id], result)
            compare(
                f"standard {result.id}'s panel footnote",
                _plain(explained.get(result.id)),
                _plain(note),
            )
    extra = sorted(set(explained) - {s.id for s in ratings.standards if s.panel_adjusted})
    out += [f"standard {s}: the report reads a panel adjustment the data has not" for s in extra]
    return out
