"""``build_report(data)``: an inspection's data → the report, as a structured document.

The parts follow the published 2018/19 reports: cover and contents; foreword; overall findings;
the summary of ratings (every standard and the overall rating); recommendations; one chapter per
domain with a section per standard and its rating; Annex 1 methodology (from the facts); Annex 2
inspection results (every rating and key question percentage, with their footnotes); Annex 3 the
results by local delivery unit; Annex 4 charts of the key question results.
"""

from __future__ import annotations

from collections.abc import Iterable

from sufficiency.framework import Framework, RatedBy, Standard
from sufficiency.framework.problems import Problem
from sufficiency.reporting.data import Narrative, ReportData
from sufficiency.reporting.document import (
    Block,
    Cell,
    Items,
    Para,
    Report,
    Section,
    Table,
    Words,
)
from sufficiency.reporting.errors import ReportError, problem
from sufficiency.reporting.guard import check_no_case_identifiers
from sufficiency.reporting.methodology import long_date, methodology_section, month_year
from sufficiency.reporting.narrative import Paragraph, parse_narrative
from sufficiency.reporting.results import breakdown_section, charts_section, results_section

NOT_YET_RATED = "Not yet rated"


def build_report(data: ReportData) -> Report:
    """The report for ``data``.

    Raises ``ReportError`` listing every problem: a case identifier in the narrative (naming the
    place), narrative or figures for standards, domains or key questions the framework lacks.
    """
    check_consistency(data)
    check_no_case_identifiers(data)
    provider = data.provider.name
    when = data.dates.publication or data.dates.fieldwork_end
    cover: list[Block] = [Para.of(month_year(when), "date")]
    if data.dates.publication is None:
        cover.append(
            Para.of("Draft report for the factual accuracy check: not for publication", "draft")
        )
    if data.lead_inspector:
        cover.append(Para.of(f"This inspection was led by {data.lead_inspector}.", "lead"))
    sections = [
        _narrative_section("foreword", "Foreword", data.narrative.foreword),
        _overall_findings(data),
        _summary_of_ratings(data),
        _recommendations(data.narrative, provider),
        _background(data),
        *(_domain_chapter(data, d.id) for d in data.framework.domains),
        methodology_section(data.framework, data.methodology),
        results_section(data.framework, data.ratings),
    ]
    if data.breakdowns:
        sections.append(breakdown_section(data.framework, data.breakdowns))
    sections.append(charts_section(data.framework, data.ratings))
    return Report(
        title=f"An inspection of {provider}",
        provider=provider,
        date_line=month_year(when),
        draft=data.dates.publication is None,
        cover=tuple(cover),
        sections=tuple(sections),
    )


def check_consistency(data: ReportData) -> None:
    """Every id the data uses is the framework's; the ratings are of this framework."""
    fw, problems = data.framework, list[Problem]()
    domains = {d.id for d in fw.domains}
    for n, domain in enumerate(data.narrative.domains):
        if domain.domain_id not in domains:
            problems.append(_unknown(fw, f"narrative domain {n + 1}", "domain", domain.domain_id))
    for n, standard in enumerate(data.narrative.standards):
        if standard.standard_id not in fw.standards:
            problems.append(_unknown(fw, f"key findings {n + 1}", "standard", standard.standard_id))
    for n, example in enumerate(data.narrative.practice_examples):
        if example.standard_id not in fw.standards:
            problems.append(
                _unknown(fw, f"practice example {n + 1}", "standard", example.standard_id)
            )
    for kind, ids in (
        ("domain", [n.domain_id for n in data.narrative.domains]),
        ("standard", [n.standard_id for n in data.narrative.standards]),
    ):
        for ident in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(
                problem(f"narrative for {kind} {ident}", "given more than once; give it once")
            )
    rated = {s.id for s in data.ratings.standards}
    figures = {q.id for q in data.ratings.key_questions}
    if rated != set(fw.standards) or figures != set(fw.key_questions):
        problems.append(
            problem(
                "ratings",
                f"the ratings are not of framework {fw.id}: they rate standards "
                f"{', '.join(sorted(rated)) or 'none'}",
            )
        )
    for breakdown in data.breakdowns:
        for figure in breakdown.figures:
            if figure.question_id not in fw.key_questions:
                problems.append(
                    _unknown(
                        fw,
                        f"breakdown for {breakdown.group}",
                        "key question",
                        figure.question_id,
                    )
                )
    if problems:
        raise ReportError(problems)


def _unknown(fw: Framework, place: str, kind: str, ident: str) -> Problem:
    return problem(place, f"unknown {kind}: framework {fw.id} has no such {kind}", ident)


def narrative_blocks(text: str, anchor: str) -> tuple[Block, ...]:
    """Narrative text as the report's blocks, each with a stable id (``anchor``-1, -2, …) that a
    comment on the draft can point at."""
    out: list[Block] = []
    for n, block in enumerate(parse_narrative(text), start=1):
        if isinstance(block, Paragraph):
            out.append(Para((Words(block.text),), anchor=f"{anchor}-{n}"))
        else:
            items = tuple((Words(item),) for item in block.items)
            out.append(Items(items, block.numbered, anchor=f"{anchor}-{n}"))
    return tuple(out)


def _narrative_section(anchor: str, title: str, text: str) -> Section:
    return Section(anchor, title, narrative_blocks(text, anchor))


def _overall_findings(data: ReportData) -> Section:
    overall = data.ratings.overall
    if overall is None:
        unrated = [s.id for s in data.ratings.standards if s.awarded_rating is None]
        opening = (
            f"Overall, {data.provider.name} has no overall rating yet: standards "
            f"{', '.join(unrated)} have no awarded rating."
        )
        lead = Para.of(opening, "lead")
    else:
        lead = Para(
            (
                Words(f"Overall, {data.provider.name} is rated as: "),
                Words(str(overall.rating), strong=True),
                Words(
                    f". This rating has been determined by inspecting the provider in "
                    f"{len(data.framework.domains)} areas of its work, referred to as 'domains'."
                ),
            ),
            "lead",
        )
    return Section(
        "overall-findings",
        "Overall findings",
        (lead, *narrative_blocks(data.narrative.overall_findings, "overall-findings")),
    )


def _summary_of_ratings(data: ReportData) -> Section:
    overall = data.ratings.overall
    rows: list[tuple[Cell, ...]] = [
        (
            Cell.of("Overall rating", header=True),
            Cell((Words(str(overall.rating) if overall else NOT_YET_RATED, strong=True),)),
        )
    ]
    for domain in data.framework.domains:
        rows.append(
            (Cell((Words(f"{domain.id}. {domain.name}", strong=True),), header=True, span=2),)
        )
        for standard in domain.standards:
            awarded = data.ratings.standard(standard.id).awarded_rating
            rows.append(
                (
                    Cell.of(f"{standard.id} {standard.name}", header=True),
                    Cell.of(str(awarded) if awarded else NOT_YET_RATED),
                )
            )
    blocks: tuple[Block, ...] = (
        Para.of(f"Service: {data.provider.name}"),
        Para.of(f"Fieldwork started: {month_year(data.dates.fieldwork_start)}"),
        Table(
            "summary-of-ratings",
            "Summary of ratings: the overall rating and every standard's rating",
            ("Standard", "Rating"),
            tuple(rows),
            style="summary",
        ),
    )
    return Section("summary-of-ratings", "Summary of ratings", blocks)


def _recommendations(narrative: Narrative, provider: str) -> Section:
    recommendations = narrative.recommendations
    count = len(recommendations)
    blocks: list[Block] = [
        Para.of(
            f"As a result of our inspection findings, we have made {count} recommendation"
            f"{'' if count == 1 else 's'} that we believe, if implemented, will have a positive "
            f"impact on the quality of probation services provided by {provider}."
        )
    ]
    for to, items in _grouped((r.to.strip(), r.what) for r in recommendations):
        blocks.append(Para.of(f"{to} should:"))
        blocks.append(
            Items(tuple((Words(" ".join(what.split())),) for what in items), numbered=True)
        )
    return Section("recommendations", "Recommendations", tuple(blocks))


def provider_kind_words(framework: Framework, kind: str) -> str:
    """The words for a kind of provider: the framework's, where its caseload's provider column
    declares the kind as a value ("Community Rehabilitation Company"), else the kind as given."""
    caseload = framework.sampling.caseload if framework.sampling else None
    column = caseload.column(caseload.provider) if caseload and caseload.provider else None
    return column.display_name(kind) if column else kind


def _background(data: ReportData) -> Section:
    kind = provider_kind_words(data.framework, data.provider.kind)
    dates = data.dates
    return Section(
        "background",
        "Background",
        (
            Para.of(
                f"{data.provider.name} (kind of provider: {kind}). We inspected its work between "
                f"{long_date(dates.fieldwork_start)} and {long_date(dates.fieldwork_end)}, against "
                f"the {data.framework.name}, version {data.framework.version}."
            ),
        ),
    )


def _grouped(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Consecutive recommendations to the same addressee, together, in order."""
    out: list[tuple[str, list[str]]] = []
    for to, what in pairs:
        if out and out[-1][0] == to:
            out[-1][1].append(what)
        else:
            out.append((to, [what]))
    return out


def _domain_chapter(data: ReportData, domain_id: str) -> Section:
    domain = next(d for d in data.framework.domains if d.id == domain_id)
    story = next((n for n in data.narrative.domains if n.domain_id == domain_id), None)
    blocks: list[Block] = []
    if story is not None:
        anchor = f"domain-{domain.id}"
        blocks += narrative_blocks(story.summary, f"{anchor}-summary")
        if story.strengths.strip():
            blocks += [
                Para.of("Strengths:", "subheading"),
                *narrative_blocks(story.strengths, f"{anchor}-strengths"),
            ]
        if story.areas_for_improvement.strip():
            blocks += [
                Para.of("Areas for improvement:", "subheading"),
                *narrative_blocks(story.areas_for_improvement, f"{anchor}-areas-for-improvement"),
            ]
    children = tuple(_standard_section(data, s) for s in domain.standards)
    return Section(f"domain-{domain.id}", f"{domain.id}. {domain.name}", tuple(blocks), children)


def _standard_section(data: ReportData, standard: Standard) -> Section:
    result = data.ratings.standard(standard.id)
    awarded = str(result.awarded_rating) if result.awarded_rating else NOT_YET_RATED
    blocks: list[Block] = [Para.of(awarded, "rating"), Para.of(standard.statement, "statement")]
    if standard.rated_by is RatedBy.CASE_DATA and result.panel_adjusted:
        blocks.append(
            Para.of(
                f"The key question results give this standard the calculated rating "
                f"{result.calculated_rating}; the ratings panel awarded {awarded}, for the reason "
                "given in Annex 2."
            )
        )
    if standard.rated_by is RatedBy.JUDGEMENT and result.reason:
        blocks += [
            Para.of("The inspectors' judgement:", "subheading"),
            *narrative_blocks(result.reason, f"standard-{standard.id}-judgement"),
        ]
    for story in data.narrative.standards:
        if story.standard_id == standard.id:
            blocks += narrative_blocks(story.key_findings, f"standard-{standard.id}-key-findings")
    examples = tuple(
        Section(
            f"practice-example-{standard.id}-{n}",
            f"Practice example: {example.title}",
            narrative_blocks(example.text, f"practice-example-{standard.id}-{n}-text"),
            in_contents=False,
        )
        for n, example in enumerate(
            (e for e in data.narrative.practice_examples if e.standard_id == standard.id), start=1
        )
    )
    return Section(
        f"standard-{standard.id}", f"{standard.id}. {standard.name}", tuple(blocks), examples
    )
