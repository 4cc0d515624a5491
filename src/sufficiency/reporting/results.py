"""Annex 2 (every standard's rating and every key question's percentage, with their footnotes),
the breakdowns by local delivery unit, and the charts.

Laid out as the published 2018/19 reports lay out their results annex: per domain a two-column
table, a standard's row (id, name, statement; rating) followed by its key questions' rows (id,
wording; percent yes). A key question calculated over the relevant sub-sample carries a mark to
the footnote saying so; a ratings-panel decision carries a mark to a footnote giving its reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from sufficiency.framework import Domain, Framework, KeyQuestion, RatedBy, Standard
from sufficiency.ratings import RatingsResult, StandardResult, whole_percent
from sufficiency.reporting.charts import Bar, key_question_chart
from sufficiency.reporting.data import GroupBreakdown
from sufficiency.reporting.document import (
    Block,
    Cell,
    Chart,
    Footnote,
    Footnotes,
    Inline,
    Mark,
    Para,
    Section,
    Table,
    Words,
)

# A group (a local delivery unit) with fewer cases than this behind a key question shows
# "too few cases" instead of a figure, so that no figure describes a handful of people.
MINIMUM_GROUP_CASES = 5
TOO_FEW_CASES = "too few cases"
NO_FIGURE = "no figure"


class FootnoteNumbers:
    """Footnotes numbered in the order the report first needs them."""

    def __init__(self) -> None:
        self.notes: list[Footnote] = []

    def add(self, text: str) -> Footnote:
        note = Footnote(len(self.notes) + 1, text)
        self.notes.append(note)
        return note


def case_data_domains(framework: Framework) -> list[Domain]:
    return [
        d for d in framework.domains if any(s.rated_by is RatedBy.CASE_DATA for s in d.standards)
    ]


def panel_note(standard: Standard, result: StandardResult) -> str | None:
    """The footnote for a ratings-panel decision on a case-data standard, carrying its reason."""
    if standard.rated_by is not RatedBy.CASE_DATA or not result.reason:
        return None
    reason = " ".join(result.reason.split())  # one line: a footnote
    if not reason.endswith((".", "!", "?")):
        reason += "."
    if result.panel_adjusted:
        return (
            f"The calculated rating for standard {standard.id} ({standard.name}) was "
            f"{_rating_text(result.calculated_rating)}; the ratings panel awarded "
            f"{_rating_text(result.awarded_rating)}. The panel's reason: {reason}"
        )
    return (
        f"The ratings panel confirmed the calculated rating for standard {standard.id} "
        f"({standard.name}), {_rating_text(result.awarded_rating)}. The panel's reason: {reason}"
    )


def subsample_note(question_ids: list[str]) -> str:
    if len(question_ids) == 1:
        which = f"question {question_ids[0]} is"
    else:
        which = f"questions {', '.join(question_ids[:-1])} and {question_ids[-1]} are"
    return (
        f"Please note: percentages relating to {which} calculated for the relevant sub-sample - "
        "that is, those cases where risk of serious harm (RoSH) matters apply - rather than for "
        "the total inspected sample."
    )


def _rating_text(rating: object) -> str:
    return "not yet rated" if rating is None else str(rating)


def percent_text(percent: int | None) -> str:
    return NO_FIGURE if percent is None else f"{percent}%"


def results_section(framework: Framework, ratings: RatingsResult) -> Section:
    """Annex 2: per domain rated from case data, its results table and footnotes."""
    numbers = FootnoteNumbers()
    children = []
    for domain in case_data_domains(framework):
        children.append(_domain_results(framework, ratings, domain, numbers))
    judged = _judgement_results(framework, ratings)
    if judged is not None:
        # last: the published reports' results annex holds case data only, and a reader of it
        # takes the lines before a standard's first key question as that standard's header
        children.append(judged)
    intro = Para.of(
        "Each standard's rating and, for each key question, the percentage of inspected cases "
        "answered yes. A standard rated from case data takes the rating of its lowest key "
        "question percentage, unless the ratings panel decided otherwise for the reason given. "
        "The standards rated by the inspectors' judgement follow."
    )
    return Section("annex-2", "Annex 2: Inspection results", (intro,), tuple(children))


def _judgement_results(framework: Framework, ratings: RatingsResult) -> Section | None:
    """The standards rated by the inspectors' judgement (domain one), each with its rating."""
    standards = [s for s in framework.standards.values() if s.rated_by is RatedBy.JUDGEMENT]
    if not standards:
        return None
    rows = tuple(
        (
            Cell(
                (
                    Words(f"{standard.id}. {standard.name}", strong=True),
                    Words(f" {standard.statement}"),
                ),
                header=True,
            ),
            Cell((Words(_rating_text(ratings.standard(standard.id).awarded_rating)),)),
        )
        for standard in standards
    )
    table = Table(
        "results-judgement",
        "Standards rated by the inspectors' judgement",
        ("Standard", "Rating"),
        rows,
        style="results",
    )
    return Section("annex-2-judgement", "Standards rated by judgement", (table,))


def _domain_results(
    framework: Framework, ratings: RatingsResult, domain: Domain, numbers: FootnoteNumbers
) -> Section:
    standards = [s for s in domain.standards if s.rated_by is RatedBy.CASE_DATA]
    relevant = [q.id for s in standards for q in s.key_questions if q.relevant_subsample_only]
    subsample = numbers.add(subsample_note(relevant)) if relevant else None
    notes = [subsample] if subsample else []
    rows: list[tuple[Cell, ...]] = []
    for standard in standards:
        result = ratings.standard(standard.id)
        mark: tuple[Inline, ...] = ()
        text = panel_note(standard, result)
        if text is not None:
            note = numbers.add(text)
            notes.append(note)
            mark = (Mark(note.number),)
        rows.append(
            (
                Cell(
                    (
                        Words(f"{standard.id}. {standard.name}", strong=True),
                        Words(f" {standard.statement}"),
                    ),
                    header=True,
                ),
                Cell((Words(_rating_text(result.awarded_rating), strong=True), *mark)),
            )
        )
        for question in standard.key_questions:
            figure = ratings.key_question(question.id)
            qmark: tuple[Inline, ...] = ()
            if question.relevant_subsample_only and subsample is not None:
                qmark = (Mark(subsample.number),)
            rows.append(
                (
                    Cell((Words(f"{question.id}. {question.text}"), *qmark), header=True),
                    Cell.of(percent_text(figure.percent), numeric=True),
                )
            )
    table = Table(
        f"results-domain-{domain.id}",
        f"Domain {domain.id}, {domain.name}: ratings and key question results",
        ("Standard/Key question", "Rating/% yes"),
        tuple(rows),
        style="results",
    )
    blocks: list[Block] = [table]
    if notes:
        blocks.append(Footnotes(tuple(sorted(notes, key=lambda n: n.number))))
    return Section(f"annex-2-domain-{domain.id}", f"{domain.id}. {domain.name}", tuple(blocks))


def group_percent(yes: int, no: int) -> int | None:
    """A group's key question figure, or None when fewer than MINIMUM_GROUP_CASES cases give it."""
    if yes + no < MINIMUM_GROUP_CASES:
        return None
    return whole_percent(yes, yes + no)


def breakdown_section(framework: Framework, breakdowns: tuple[GroupBreakdown, ...]) -> Section:
    """Annex 3: every key question's percentage in each local delivery unit."""
    groups = [b.group for b in breakdowns]
    figures = {(b.group, f.question_id): f for b in breakdowns for f in b.figures}
    children = []
    for domain in case_data_domains(framework):
        rows = []
        for question in _case_data_questions(domain):
            cells = [Cell.of(f"{question.id}. {question.text}", header=True)]
            for group in groups:
                figure = figures.get((group, question.id))
                if figure is None:
                    shown = NO_FIGURE
                else:
                    percent = group_percent(figure.yes, figure.no)
                    shown = TOO_FEW_CASES if percent is None else f"{percent}%"
                cells.append(Cell.of(shown, numeric=True))
            rows.append(tuple(cells))
        table = Table(
            f"breakdown-domain-{domain.id}",
            f"Domain {domain.id}, {domain.name}: key question results by local delivery unit",
            ("Key question", *groups),
            tuple(rows),
            style="breakdown",
        )
        children.append(
            Section(f"annex-3-domain-{domain.id}", f"{domain.id}. {domain.name}", (table,))
        )
    intro = Para.of(
        "The percentage of inspected cases answered yes for each key question, in each local "
        f"delivery unit. Where fewer than {MINIMUM_GROUP_CASES} cases give a figure, the table "
        f"says '{TOO_FEW_CASES}' instead."
    )
    return Section("annex-3", "Annex 3: Results by local delivery unit", (intro,), tuple(children))


def charts_section(framework: Framework, ratings: RatingsResult) -> Section:
    """Annex 4: per domain, a chart of its key question percentages against the bands."""
    children = []
    bands = ", ".join(
        f"{b.rating} from {b.min_percent}%"
        for b in framework.ratings.key_question_bands
        if b.min_percent > 0
    )
    for domain in case_data_domains(framework):
        bars = [Bar(q.id, ratings.key_question(q.id).percent) for q in _case_data_questions(domain)]
        chart_id = f"chart-domain-{domain.id}"
        title = (
            f"Domain {domain.id}, {domain.name}: percentage of cases answered yes for each key "
            f"question, against the rating bands ({bands})"
        )
        alternative = tuple(
            f"{bar.label}: "
            + (
                NO_FIGURE
                if bar.percent is None
                else f"{bar.percent}%, in the "
                f"{framework.ratings.rating_for_percent(bar.percent)} band"
            )
            for bar in bars
        )
        svg = key_question_chart(title, bars, framework.ratings, chart_id)
        children.append(
            Section(
                f"annex-4-domain-{domain.id}",
                f"{domain.id}. {domain.name}",
                (Chart(chart_id, title, svg, alternative),),
            )
        )
    return Section(
        "annex-4",
        "Annex 4: Charts of key question results",
        (
            Para.of(
                "Each bar is a key question's percentage of cases answered yes; the dashed lines "
                f"are the rating bands' thresholds ({bands}). Each chart's figures follow it "
                "as text."
            ),
        ),
        tuple(children),
    )


def _case_data_questions(domain: Domain) -> Iterator[KeyQuestion]:
    for standard in domain.standards:
        if standard.rated_by is RatedBy.CASE_DATA:
            yield from standard.key_questions
