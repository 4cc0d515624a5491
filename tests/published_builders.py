"""Invented published inspection reports in the 2018/19 standards format, for parser tests.

``build(spec)`` writes a report as conversion leaves one (a contents page, the summary of ratings
as a tab-separated table, body headings, the methodology and results annexes, footnotes), for an
invented provider; ``contract(spec)`` is what a correct parse of it gives. The words around the
figures are placeholders: the layout, not the prose, is what the parser reads.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sufficiency.framework import Framework, RatedBy, Rating, load_framework

FRAMEWORK: Framework = load_framework("hmip-probation-2018")
REPORTS = ("essex-crc-2018", "dorset-devon-cornwall-crc-2019")  # in ../shared/published
SHARED_PUBLISHED = Path(__file__).resolve().parents[1].parent / "shared" / "published"
CONTRACT_KEYS = (
    "provider",
    "overall_rating",
    "standards",
    "key_questions",
    "samples",
    "panel_adjustments",
)


def shared_report(name: str) -> tuple[str, dict[str, Any]]:
    """A shared report's text and its expected JSON."""
    text = (SHARED_PUBLISHED / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((SHARED_PUBLISHED / f"{name}.expected.json").read_text(encoding="utf-8"))
    return text, expected


def contract_of(parsed: dict[str, Any]) -> dict[str, Any]:
    """The fields of the JSON contract, as the expected files hold them."""
    return {key: parsed[key] for key in CONTRACT_KEYS}


RELEVANT = ("2.2.3", "2.3.3", "2.4.3")
SAMPLE_WORDS = {"case_supervision": "cases", "unpaid_work": "cases with unpaid work requirements"}


def default_percents() -> dict[str, int]:
    base = [82, 73, 59, 77, 67, 51, 75, 56, 52, 76, 71, 55, 86, 69, 72, 67, 71, 66, 69]
    return dict(zip(FRAMEWORK.key_questions, base, strict=True))


def calculated(percents: dict[str, int], standard_id: str) -> Rating:
    standard = FRAMEWORK.standards[standard_id]
    lowest = min(percents[q.id] for q in standard.key_questions if q.id in percents)
    return FRAMEWORK.ratings.rating_for_percent(lowest)


@dataclass
class Spec:
    area: str = "Fenmarsh and Westvale"
    published: str = "MARCH 2019"
    fieldwork: str = "November 2018"
    lead: str = "Alex Marlowe"
    units: str = "four"
    percents: dict[str, int] = field(default_factory=default_percents)
    judgements: dict[str, Rating] = field(
        default_factory=lambda: {
            "1.1": Rating.GOOD,
            "1.2": Rating.REQUIRES_IMPROVEMENT,
            "1.3": Rating.GOOD,
            "1.4": Rating.OUTSTANDING,
        }
    )
    # standard id → (awarded rating, footnote explaining the panel's decision, or None)
    panel: dict[str, tuple[Rating, str | None]] = field(default_factory=dict)
    samples: dict[str, int] = field(
        default_factory=lambda: {"case_supervision": 120, "unpaid_work": 40, "through_the_gate": 22}
    )
    style: str = "text"  # "text", "markdown" or "html"
    row_overrides: dict[str, str] = field(default_factory=dict)  # key question id → whole row
    drop_rows: tuple[str, ...] = ()
    summary_overrides: dict[str, str] = field(default_factory=dict)  # standard id → summary row
    crc_numbering: str = "4"  # "3" numbers the CRC-specific standards 3.1 and 3.2

    @property
    def provider(self) -> str:
        return f"{self.area} Community Rehabilitation Company"

    def awarded(self) -> dict[str, Rating]:
        out = {}
        for standard in FRAMEWORK.standards.values():
            if standard.rated_by is RatedBy.JUDGEMENT:
                out[standard.id] = self.judgements[standard.id]
            elif standard.id in self.panel:
                out[standard.id] = self.panel[standard.id][0]
            else:
                out[standard.id] = calculated(self.percents, standard.id)
        return out

    def overall(self) -> Rating:
        score = sum(FRAMEWORK.ratings.scores[r] for r in self.awarded().values())
        return FRAMEWORK.ratings.rating_for_score(score)

    def but(self, **changes: Any) -> Spec:
        return replace(self, **changes)


def _shown(ident: str, spec: Spec) -> str:
    if spec.crc_numbering == "3" and ident.startswith("4."):
        return "3." + ident[2:]
    return ident


def build(spec: Spec) -> str:
    awarded = spec.awarded()
    notes: dict[str, int] = {}
    footnote_texts: list[tuple[int, str]] = []
    number = 4
    for sid, (_, text) in sorted(spec.panel.items()):
        if text:
            number += 1
            notes[sid] = number
            footnote_texts.append((number, text))
    relevant_mark = number + 1

    def sup(n: int) -> str:
        return "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in str(n))

    lines: list[str] = [
        "",
        "An inspection of",
        "",
        spec.area,
        "",
        "Community Rehabilitation Company",
        "",
        "HM Inspectorate of Probation",
        "",
        spec.published,
        "",
        "Contents",
        "",
        "Foreword.....\t4",
        "Overall findings.....\t5",
        "Summary of ratings\t8",
        "Recommendations\t9",
        "1.1. Leadership\t14",
        "2.1. Assessment\t21",
        "Annex 2: Inspection results\t30",
        "",
        f"This inspection was led by HM Inspector {spec.lead}, supported by a team of "
        "inspectors. We would like to thank all those who participated in this inspection.",
        "",
        "Foreword",
        "",
        "Placeholder foreword text about the provider and what the inspection found in its work.",
        "",
        "Overall findings",
        "",
        f"Overall, {spec.provider} is rated as: **{spec.overall()}**. This rating has been "
        "determined by inspecting this provider in three areas of its work.",
        "",
        f"Service: {spec.provider}",
        "",
        f"Fieldwork started: {spec.fieldwork}",
        "",
        "Overall rating",
        "",
        str(spec.overall()),
        "",
    ]
    domain_names = {"1": "Organisational delivery", "2": "Case supervision", "4": "CRC specific"}
    for domain in FRAMEWORK.domains:
        lines += [f"{domain.id}. {domain_names[domain.id]}", ""]
        for standard in domain.standards:
            shown = _shown(standard.id, spec)
            row = spec.summary_overrides.get(standard.id)
            if row is None:
                row = f"{shown}\t{standard.name}\t{awarded[standard.id]}"
            if row:
                lines.append(row)
        lines.append("")
    lines += [
        "Recommendations",
        "",
        "As a result of our inspection findings we have made two recommendations.",
        "",
        f"{spec.area} CRC should:",
        "",
        "1. improve the placeholder work described in this report",
        "2. review the placeholder arrangements described in this report.",
        "",
        "Background",
        "",
        "Placeholder background text with a footnote mark.¹",
        "",
        "¹ Placeholder source for the background text.",
        "",
    ]
    for standard in FRAMEWORK.standards.values():
        shown = _shown(standard.id, spec)
        lines += [
            f"{shown}. {standard.name}\t{awarded[standard.id]}",
            f"{standard.statement}\t",
            "",
            "Placeholder findings for this standard, in a paragraph of ordinary prose.",
            "",
        ]
    units = f" from across {spec.units} local delivery units" if spec.units else ""
    lines += [
        "Annex 1: Methodology",
        "",
        "Domain two: case supervision",
        "",
        f"We examined {spec.samples['case_supervision']} cases{units}. The sample size was set "
        "to achieve a confidence level of 80 per cent.",
        "",
        "Unpaid work",
        "",
        f"We examined {spec.samples['unpaid_work']} cases with unpaid work requirements which had "
        "started at least three months previously.",
        "",
        "Through the Gate",
        "",
        f"We examined {spec.samples['through_the_gate']} custodial cases in which the individual "
        "was released six weeks earlier.",
        "",
        "Annex 2: Inspection results: domains two and three",
        "",
    ]
    for domain in FRAMEWORK.domains[1:]:
        lines += [
            f"{domain.id}. {domain_names[domain.id]}",
            "",
            "Standard/Key question\tRating/% yes",
        ]
        for standard in domain.standards:
            shown = _shown(standard.id, spec)
            mark = sup(notes[standard.id]) if standard.id in notes else ""
            lines.append(
                f"{shown}. {standard.name} {standard.statement}\t{awarded[standard.id]}{mark}"
            )
            for q in standard.key_questions:
                if q.id in spec.drop_rows:
                    continue
                qshown = _shown(q.id, spec)
                default = f"{qshown}. {q.text}\t{spec.percents[q.id]}%"
                if q.id == "2.2.3":
                    default = f"{qshown}. {q.text} {sup(relevant_mark)}\t{spec.percents[q.id]}%"
                lines.append(spec.row_overrides.get(q.id, default))
            if standard.id == "2.3":
                lines += [
                    "",
                    f"{sup(relevant_mark)} Please note: percentages relating to questions "
                    f"{', '.join(RELEVANT[:-1])} and {RELEVANT[-1]} are calculated for the "
                    "relevant sub-sample, rather than for the total inspected sample.",
                    "",
                ]
        lines.append("")
    lines += [f"{sup(n)} {text}" for n, text in footnote_texts]
    lines += ["", "Annex 3: Glossary", "", "Placeholder\tA placeholder glossary entry", ""]
    text = "\n".join(lines)
    if spec.style == "markdown":
        return _markdown(text)
    if spec.style == "html":
        return report_html(text, bold_headings=True)
    return text


def _markdown(text: str) -> str:
    out = []
    headings = ("Overall rating", "Recommendations", "Contents", "Annex", "Foreword")
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if line.startswith("Standard/Key"):
                out.append("|" + "---|" * len(cells))
        elif line.startswith(headings):
            out.append(f"## {line}")
        else:
            out.append(line)
    return "\n".join(out)


def report_html(text: str, *, bold_headings: bool = False) -> str:
    """Report text as simple HTML: tab-separated lines become table rows, others paragraphs.

    Footnote marks written ``<sup>n</sup>`` stay superscripts, as in the published PDFs;
    ``bold_headings`` sets short lines in ``<b>``, as HTML conversions of reports do.
    """
    style = (
        "@page { size: A4; margin: 2cm } body { font-family: 'DejaVu Sans', sans-serif; "
        "font-size: 10pt } td { padding: 2pt 8pt; vertical-align: top }"
    )
    out = [f"<html><head><style>{style}</style></head><body>"]
    rows: list[list[str]] = []

    def escape(text: str) -> str:
        escaped = html.escape(text).replace("**", "")
        return escaped.replace("&lt;sup&gt;", "<sup>").replace("&lt;/sup&gt;", "</sup>")

    def flush() -> None:
        if rows:
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows
            )
            out.append(f"<table>{body}</table>")
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            bold = bold_headings and len(line) < 40
            out.append(f"<p><b>{escape(line)}</b></p>" if bold else f"<p>{escape(line)}</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def contract(spec: Spec) -> dict[str, Any]:
    """The JSON contract a correct parse of ``build(spec)`` gives."""
    awarded = spec.awarded()
    dropped = set(spec.drop_rows)
    adjustments = []
    for standard in FRAMEWORK.standards.values():
        if standard.rated_by is RatedBy.CASE_DATA and standard.id in spec.panel:
            figures = {k: v for k, v in spec.percents.items() if k not in dropped}
            calc = calculated(figures, standard.id)
            if calc != awarded[standard.id]:
                adjustments.append(
                    {
                        "standard": standard.id,
                        "calculated": str(calc),
                        "awarded": str(awarded[standard.id]),
                    }
                )
    return {
        "provider": spec.provider,
        "overall_rating": str(spec.overall()),
        "standards": [
            {"id": s.id, "name": s.name, "rating": str(awarded[s.id])}
            for s in FRAMEWORK.standards.values()
        ],
        "key_questions": [
            {
                "id": q.id,
                "text": q.text,
                "percent_yes": spec.percents[q.id],
                "relevant_subsample_only": q.id in RELEVANT,
            }
            for q in FRAMEWORK.key_questions.values()
            if q.id not in dropped
        ],
        "samples": dict(spec.samples),
        "panel_adjustments": adjustments,
    }


# --- variants of a shared report, as other reports of the programme lay the same things out ----

ESSEX_TITLE = "An inspection of\n\nEssex\n\nCommunity Rehabilitation Company"
ESSEX_NAME = "Essex Community Rehabilitation Company"
_SUMMARY_ROW = re.compile(
    r"^(?P<id>[1-9]\.\d)\s*(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹⁰]*)\t(?P<name>[^\t]+)\t(?P<rating>[^\t]+)\t?$"
)
_BODY_RATING = re.compile(
    r"(?m)^(?P<head>[1-9]\.\d\.? ?[^\t\n]*?)\t(?:Good|Requires [Ii]mprovement|Inadequate|Outstanding)"
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰]*$"
)
_ANNEX_ROW = re.compile(
    r"(?m)^(?P<id>[1-9]\.\d\.\d\.)\s(?P<question>[^\t\n]*?\?)(?P<mark> [¹²³⁴⁵⁶⁷⁸⁹⁰]+)?\t"
    r"(?P<percent>\d{1,3}%)$"
)


def renamed(
    text: str, expected: dict[str, Any], title: str, name: str
) -> tuple[str, dict[str, Any]]:
    """Essex's report retitled and its provider renamed (``title`` replaces the title lines)."""
    text = text.replace(ESSEX_TITLE, title, 1).replace(ESSEX_NAME, name)
    return text, {**expected, "provider": name}


def _summary_bounds(text: str) -> tuple[int, int]:
    start = text.index("\nOverall rating\n")
    return start, text.index("\nRecommendations\n", start)


def restyle_summary(text: str, row: Any) -> str:
    """The summary of ratings with each standard's row rewritten: ``row(id, name, rating, mark)``."""
    start, end = _summary_bounds(text)
    lines = []
    for line in text[start:end].split("\n"):
        m = _SUMMARY_ROW.match(line)
        lines.append(row(m["id"], m["name"], m["rating"], m["mark"]) if m else line)
    return text[:start] + "\n".join(lines) + text[end:]


def without_body_ratings(text: str) -> str:
    """No rating beside a standard outside the summary of ratings: the summary alone gives them."""
    _, end = _summary_bounds(text)
    return text[:end] + _BODY_RATING.sub(lambda m: m["head"], text[end:])


def restyle_annex_rows(text: str, row: Any) -> str:
    """Each key question row of the results annex rewritten: ``row(id, question, mark, percent)``."""
    start = text.rindex("Annex 2: Inspection results")
    return text[:start] + _ANNEX_ROW.sub(
        lambda m: row(m["id"], m["question"], m["mark"] or "", m["percent"]), text[start:]
    )


NPS_NAME = "National Probation Service Midshire and Fenland Division"
NPS_QUESTIONS = {
    "3.1.1": ("Is the advice given to the court sufficiently analytical and personalised?", 78),
    "3.1.2": ("Is the case allocated to the right provider on time?", 91),
    "3.1.3": ("Does planning focus sufficiently on keeping other people safe from harm?", 70),
    "3.2.1": ("Are victims given timely and useful information about the sentence?", 88),
    "3.2.2": ("Are the victims' views taken into account in licence conditions?", 84),
}


def nps_division(text: str, expected: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Essex's report made an NPS division's: standards 3.1 and 3.2 with their own key questions
    (wording invented) instead of 4.1 and 4.2, and no unpaid work or Through the Gate sample."""
    text, expected = renamed(
        text,
        expected,
        "An inspection of probation services in:\n\nNational Probation Service\n\n"
        "Midshire and Fenland Division",
        NPS_NAME,
    )
    for old, new in [
        ("4. CRC specific\n", "3. NPS specific\n"),
        ("4.1 ¹\tUnpaid work\tGood", "3.1 ¹\tCourt reports and case allocation\tGood"),
        ("4.2\tThrough the Gate\tRequires improvement", "3.2\tStatutory victim work\tOutstanding"),
        ("4.1. Unpaid work\tGood", "3.1. Court reports and case allocation\tGood"),
        ("4.2. Through the Gate\tRequires improvement", "3.2. Statutory victim work\tOutstanding"),
        ("We examined 36 cases with unpaid work requirements", "We examined 60 cases with reports"),
        ("We examined 15 custodial cases", "We examined 25 victim contact cases"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    start = text.rindex("4. CRC-specific work")
    end = text.index("\n¹⁸ ", start)
    rows = [
        "3. NPS-specific work",
        "",
        "Standard/Key question\tRating/% yes",
        "3.1. Court reports and case allocation\tGood",
    ]
    rows += [f"{q}. {t}\t{p}%" for q, (t, p) in NPS_QUESTIONS.items() if q.startswith("3.1")]
    rows += ["3.2. Statutory victim work\tOutstanding"]
    rows += [f"{q}. {t}\t{p}%" for q, (t, p) in NPS_QUESTIONS.items() if q.startswith("3.2")]
    text = text[:start] + "\n".join(rows) + "\n" + text[end:]
    standards = [s for s in expected["standards"] if not s["id"].startswith("4.")]
    standards += [
        {"id": "3.1", "name": "Court reports and case allocation", "rating": "Good"},
        {"id": "3.2", "name": "Statutory victim work", "rating": "Outstanding"},
    ]
    questions = [q for q in expected["key_questions"] if not q["id"].startswith("4.")]
    questions += [
        {"id": q, "text": t, "percent_yes": p, "relevant_subsample_only": False}
        for q, (t, p) in NPS_QUESTIONS.items()
    ]
    adjustments = [a for a in expected["panel_adjustments"] if not a["standard"].startswith("4.")]
    return text, {
        **expected,
        "standards": standards,
        "key_questions": questions,
        "samples": {"case_supervision": expected["samples"]["case_supervision"]},
        "panel_adjustments": adjustments,
    }
