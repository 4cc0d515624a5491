"""Published inspection report text → ``ParsedReport``.

The 2018/19 standards format, as HM Inspectorate of Probation published it for each CRC and NPS
division, is read by its regions, each found by what it says rather than where a page put it,
each read by a module of its own:

- ``title_page``: "An inspection of <provider>", the month of publication, the lead inspector;
- ``summary``: "Overall rating", then one row per standard: id, name, rating (and the same rows
  at the head of each standard's chapter); ``chapters``: the awarded ratings those give;
- ``methodology``: Annex 1, how many cases each sample held, and from how many local units;
- ``results_annex``: per standard a header row and per key question a row with its figure;
- ``footnotes``: which key questions use the relevant sub-sample; why the ratings panel departed
  from a calculated rating; ``recommendations``.

This module puts them together: each reader returns its value and what it noticed (a
``document.Read``), and the findings are gathered here, in the report's order. What a complete
record needs (provider, overall rating, a rating for every standard, key question figures, the
samples the rated standards use) is required: a file that lacks any of them raises
``ReportParseError`` listing what is missing, never a half-filled record. A text in another
format (``formats``, ``quality_impact``) or cut short is refused, saying so.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from sufficiency.framework import Framework, Problem, load_framework
from sufficiency.published import quality_impact
from sufficiency.published.chapters import explanations, standards
from sufficiency.published.checks import run_checks
from sufficiency.published.document import Document, lines_of
from sufficiency.published.errors import ReportParseError
from sufficiency.published.footnotes import read_footnotes
from sufficiency.published.formats import later_format, truncation
from sufficiency.published.methodology import read_methodology
from sufficiency.published.model import (
    STANDARDS_FORMAT,
    Footnote,
    PanelAdjustment,
    ParsedReport,
)
from sufficiency.published.recommendations import read_recommendations
from sufficiency.published.results_annex import (
    annex_mentions,
    annex_range,
    annex_rows,
    key_questions,
)
from sufficiency.published.summary import mentions, overall_rating, summary_range
from sufficiency.published.text import clean_report, vocabulary
from sufficiency.published.title_page import read_title_page

DEFAULT_FRAMEWORK = "hmip-probation-2018"


@lru_cache(maxsize=4)
def default_framework(framework_id: str = DEFAULT_FRAMEWORK) -> Framework:
    return load_framework(framework_id)


def _known_words(framework: Framework) -> set[str]:
    return vocabulary(
        [q.text for q in framework.key_questions.values()]
        + [f"{s.name} {s.statement}" for s in framework.standards.values()]
    )


def parse_report_text(
    text: str, source: str = "<text>", framework: Framework | None = None
) -> ParsedReport:
    """Read a published inspection report from its text (as converted from the PDF).

    Raises ``ReportParseError`` (``UnsupportedReportFormat`` for a recognised other format,
    ``TruncatedReport`` for a report cut short) when the text is not a complete report in the
    2018/19 standards format.
    """
    if not text.strip():
        raise ReportParseError(f"{source} is empty: there is no report text to read", source=source)
    framework = framework or default_framework()
    cleaned = clean_report(text)
    lines = lines_of(cleaned.text)

    head_qi = quality_impact.recognise([line.text for line in lines], source)
    if head_qi is not None and head_qi.by_title:
        raise head_qi.error()

    notes = read_footnotes(lines)
    annex = annex_range(lines)
    doc = Document(lines, notes.lines, summary_range(lines, annex[0]), annex)
    kinds = framework.provider_column.allowed if framework.provider_column else ()
    title = read_title_page(doc, cleaned.furniture, kinds)
    later = later_format(lines, title.value.publication_date, title.value.fieldwork_date)
    if later is not None and later.strong:
        raise later.error(source, title.value.provider, title.value.publication_date)

    rows = annex_rows(doc, _known_words(framework))
    found = mentions(doc, framework) + annex_mentions(doc, rows)
    if len(rows) < 5 and len({m.id for m in found if m.rating}) < 5:
        if head_qi is not None:
            raise head_qi.error()
        if (cut := truncation(cleaned.contents, lines, source)) is not None:
            raise cut
        if later is not None:
            raise later.error(source, title.value.provider, title.value.publication_date)
        raise ReportParseError(
            f"{source} does not look like a published inspection report in the "
            "2018/19 standards format: it has no summary of standard ratings and no key "
            "question results",
            source=source,
        )

    provider = title.value.provider
    overall = overall_rating(doc, provider)
    rated, standard_problems = standards(framework, found)
    rated_ids = {s.id for s in rated.value}
    figures, figure_problems = key_questions(doc, framework, rows, rated_ids, notes.texts)
    method, sample_problems = read_methodology(doc, framework, rated_ids)
    missing = (
        () if provider else ("no provider name: no 'An inspection of …' title and no 'Service:'",)
    )
    unrated = (
        () if overall.value else ("no overall rating ('Overall rating' followed by a rating)",)
    )
    problems = [  # each for the field of the record it leaves unfilled
        Problem(source=source, field=field, reason=reason)
        for field, reasons in (
            ("provider", missing),
            ("overall_rating", unrated),
            ("standards", standard_problems),
            ("key_questions", figure_problems),
            ("samples", sample_problems),
        )
        for reason in reasons
    ]
    if problems or provider is None or overall.value is None:
        if (cut := truncation(cleaned.contents, lines, source)) is not None:
            raise cut
        if later is not None:
            raise later.error(source, title.value.provider, title.value.publication_date)
        raise ReportParseError(
            f"{source} is not a complete published inspection report: "
            f"{len(problems)} thing(s) could not be read",
            problems,
            source,
        )

    findings = (
        title.findings + overall.findings + rated.findings + figures.findings + method.findings
    )
    checks = run_checks(
        framework,
        rated.value,
        figures.value,
        overall.value,
        explanations(framework, found, notes.texts),
        tuple(dict.fromkeys(findings)),
    )
    adjustments = tuple(
        PanelAdjustment(c.standard, c.calculated, c.awarded)
        for c in checks.standards
        if c.calculated is not None and c.calculated != c.awarded
    )
    return ParsedReport(
        source=source,
        format=STANDARDS_FORMAT,
        framework=framework.id,
        provider=provider,
        overall_rating=overall.value,
        standards=rated.value,
        key_questions=figures.value,
        samples=MappingProxyType(method.value.samples),
        panel_adjustments=adjustments,
        checks=checks,
        footnotes=tuple(Footnote(n, t) for n, t in sorted(notes.texts.items())),
        recommendations=read_recommendations(doc),
        local_delivery_units=method.value.local_delivery_units,
        lead_inspector=title.value.lead_inspector,
        fieldwork_date=title.value.fieldwork_date,
        publication_date=title.value.publication_date,
    )
