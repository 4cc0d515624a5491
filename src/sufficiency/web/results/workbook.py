"""The inspection's results as one XLSX workbook, for inspectors who work in spreadsheets: the
key questions, prompts, standards and overall rating, every group breakdown, and the cases.

Every figure comes from ``results.services``, as on the pages. Text is written as strings,
never formulas, after the safe-cell rule (``sufficiency.exports``); numbers as numbers; a suppressed
group as "too few cases".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from sufficiency.exports import safe_cell
from sufficiency.ratings.breakdowns import TOO_FEW_CASES, Grouping
from sufficiency.web.audit.services import Actor
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.results import services
from sufficiency.web.results.permissions import require_viewer

Cell = str | int | float | bool | None
SHEET_OF = {  # a worksheet's name has at most 31 characters
    Grouping.LDU: "By local delivery unit",
    Grouping.GENDER: "By gender",
    Grouping.DISPOSAL: "By disposal",
    Grouping.ROSH: "By RoSH level",
    Grouping.INTERVIEWED: "By RO interviewed",
}


def _sheet(book: Any, name: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    for col, title in enumerate(header):
        sheet.write_string(0, col, title, bold)
    for line, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_string(line, col, "yes" if value else "no")
            elif isinstance(value, int | float):
                sheet.write_number(line, col, value)
            else:
                sheet.write_string(line, col, safe_cell(value))
    sheet.freeze_panes(1, 0)


def results_workbook(inspection: Inspection, *, actor: Actor) -> bytes:
    """The workbook's bytes; audited as an export by the caller (``services.record_export``)."""
    import xlsxwriter  # type: ignore[import-untyped]

    require_viewer(actor, inspection)
    live = services.live(inspection)
    framework, result = live.framework, live.result
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    _sheet(
        book,
        "Key questions",
        (
            "key question",
            "text",
            "yes",
            "no",
            "not applicable",
            "not answered",
            "percent",
            "95% low",
            "95% high",
        ),
        (
            (
                q.id,
                framework.key_questions[q.id].text,
                q.yes,
                q.no,
                q.not_applicable,
                q.unanswered,
                q.percent,
                q.ci_low,
                q.ci_high,
            )
            for q in result.key_questions
        ),
    )
    prompt_text = {p.id: p.text for q in framework.key_questions.values() for p in q.prompts}
    _sheet(
        book,
        "Prompts",
        ("prompt", "key question", "text", "yes", "no", "not applicable", "percent"),
        (
            (p.id, p.key_question_id, prompt_text[p.id], p.yes, p.no, p.not_applicable, p.percent)
            for p in live.prompts()
        ),
    )
    decided = {d.standard_id: d for d in live.decisions}
    _sheet(
        book,
        "Standards",
        (
            "standard",
            "name",
            "calculated rating",
            "lowest key question",
            "borderline",
            "awarded rating",
            "panel adjusted",
            "grounds",
            "reason",
        ),
        (
            (
                s.id,
                framework.standards[s.id].name,
                s.calculated_rating,
                s.driving_question,
                s.borderline,
                s.awarded_rating,
                s.panel_adjusted,
                decided[s.id].get_grounds_display()
                if s.id in decided and decided[s.id].grounds
                else None,
                s.reason,
            )
            for s in result.standards
        ),
    )
    overall = result.overall
    _sheet(
        book,
        "Overall",
        ("score", "rating"),
        [(overall.score, overall.rating.value)] if overall else [],
    )
    for grouping in Grouping:
        figures = services.breakdown_by(inspection, grouping, actor=actor)
        _sheet(
            book,
            SHEET_OF[grouping],
            (grouping.label, "key question", "yes", "no", "percent"),
            (
                (f.group, f.question, f.yes, f.no, TOO_FEW_CASES if f.suppressed else f.percent)
                for f in figures
            ),
        )
    _sheet(
        book,
        "Cases",
        ("case", "sample", "relevant sub-sample", "status", "counted"),
        (
            (r.case.id, r.case.sample, r.case.rosh_relevant, r.status.value, r.status.counts)
            for r in live.recorded.cases
        ),
    )
    book.close()
    return out.getvalue()
