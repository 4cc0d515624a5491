"""Property tests: the shared reports mangled as conversion mangles text still give their figures.

Mild damage (whitespace, tabs, markup, footnote marks moved or respelled, words of a key question
split, table cells reordered, page furniture) must give exactly the expected JSON. Harsh damage
(any word split, lines lost) must give either a clear ``ReportParseError`` or figures that are all
right: never a crash, never a wrong figure.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from published_builders import (
    REPORTS,
    Spec,
    build,
    calculated,
    contract,
    contract_of,
    shared_report,
)
from sufficiency.framework import Rating
from sufficiency.published import CheckStatus, ReportParseError, parse_report_text

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARK = re.compile(rf"[{SUPERSCRIPT}]+|\$\^\{{\^\{{\d+\}}\}}\$")
KQ_ROW = re.compile(r"^(?P<id>[1-4]\.\d\.\d\.?)(?P<sep>\s+)(?P<question>[^\t]*\?)(?P<rest>.*)$")
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
        HealthCheck.data_too_large,
    ],
)

Mangle = Callable[[str, random.Random], str]
SHARED = {name: shared_report(name) for name in REPORTS}  # text, expected JSON


def _digits(mark: str) -> str:
    if mark.startswith("$"):
        return re.sub(r"\D", "", mark)
    return mark.translate(str.maketrans(SUPERSCRIPT, "0123456789"))


def respell_marks(text: str, rnd: random.Random) -> str:
    styles = ["{sup}", "$^{{{n}}}$", "$^{{^{{{n}}}}}$", "<sup>{n}</sup>", "[^{n}]"]

    def respell(m: re.Match[str]) -> str:
        n = _digits(m.group(0))
        sup = n.translate(str.maketrans("0123456789", SUPERSCRIPT))
        return rnd.choice(styles).format(n=n, sup=sup)

    return MARK.sub(respell, text)


def move_marks(text: str, rnd: random.Random) -> str:
    """Move footnote marks a word or two along their line, glued to a word or standing apart."""
    out = []
    for line in text.split("\n"):
        found = [m for m in MARK.finditer(line) if line[: m.start()].strip(" -\t")]
        if found and rnd.random() < 0.5:
            m = rnd.choice(found)
            rest = line[: m.start()] + line[m.end() :]
            ends = [e.start() for e in re.finditer(r"(?<=\S)(?=\s|$)", rest)]
            ends = [e for e in ends if rest[:e].strip()]
            if ends:
                near = [e for e in ends if abs(e - m.start()) < 40] or ends
                at = rnd.choice(near)
                line = rest[:at] + rnd.choice(["", " "]) + m.group(0) + rest[at:]
        out.append(line)
    return "\n".join(out)


def mangle_whitespace(text: str, rnd: random.Random) -> str:
    chars = list(text)
    spaces = [i for i, ch in enumerate(chars) if ch == " "]
    for i in rnd.sample(spaces, min(len(spaces), 300)):
        chars[i] = rnd.choice(["  ", "\t", " \t ", "\u00a0", "\t\t", "   "])
    lines = "".join(chars).split("\n")
    lines = [line + rnd.choice(["", " ", "\t"]) for line in lines]
    if rnd.random() < 0.5:
        lines = [x for line in lines for x in ([line, ""] if rnd.random() < 0.2 else [line])]
    return ("\r\n" if rnd.random() < 0.3 else "\n").join(lines)


def add_markup(text: str, rnd: random.Random) -> str:
    wrappers = [
        "<b>{}</b>",
        "<i>{}</i>",
        "<span class='x'>{}</span>",
        "**{}**",
        "<strong>{}</strong>",
    ]

    def wrap(m: re.Match[str]) -> str:
        return rnd.choice(wrappers).format(m.group(0)) if rnd.random() < 0.08 else m.group(0)

    text = re.sub(r"(?<![\w*<>/$^{])[A-Za-z]+(?![\w*<>}])", wrap, text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if 3 <= len(line) <= 40 and "\t" not in line and rnd.random() < 0.3:
            lines[i] = rnd.choice(["# ", "## ", "### "]) + line
        elif "\t" in line and rnd.random() < 0.3:
            lines[i] = "| " + " | ".join(line.split("\t")) + " |"
    return "\n".join(lines)


def split_question_words(text: str, rnd: random.Random) -> str:
    """Split a word or two of key question texts, as cells split them ("assess ment")."""
    out = []
    for line in text.split("\n"):
        m = KQ_ROW.match(line)
        if m and rnd.random() < 0.6:
            words = m.group("question").split(" ")
            for _ in range(rnd.randint(1, 2)):
                i = rnd.randrange(len(words))
                word = words[i]
                if len(word) >= 6 and word.isalpha():
                    cut = rnd.randint(2, len(word) - 2)
                    words[i] = word[:cut] + rnd.choice([" ", "\t"]) + word[cut:]
            line = f"{m.group('id')}{m.group('sep')}{' '.join(words)}{m.group('rest')}"
        out.append(line)
    return "\n".join(out)


def reorder_cells(text: str, rnd: random.Random) -> str:
    """Put a key question's figure before its question, or a rating before a standard's name."""
    out = []
    for line in text.split("\n"):
        m = KQ_ROW.match(line)
        figure = re.search(r"\t(?:\S*\s)?(\d{1,3}%)\s*$", line)
        if m and figure and rnd.random() < 0.3:
            line = f"{m.group('id')}\t{figure.group(1)}\t{m.group('question')}"
        elif (
            re.match(r"^[1-4]\.\d\t[^\t]+\t[A-Z][a-z]+( improvement)?\t?$", line)
            and rnd.random() < 0.5
        ):
            ident, name, rating = line.rstrip("\t").split("\t")
            line = f"{ident}\t{rating}\t{name}"
        out.append(line)
    return "\n".join(out)


def add_page_furniture(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    out, page = [], 1
    for i, line in enumerate(lines):
        out.append(line)
        if i > 50 and not line.strip() and rnd.random() < 0.05:
            page += 1
            out += [
                str(page),
                "",
                "Inspection of probation services: an invented running header",
                "",
            ]
    return "\n".join(out)


MILD: dict[str, Mangle] = {
    "respell marks": respell_marks,
    "move marks": move_marks,
    "whitespace": mangle_whitespace,
    "markup": add_markup,
    "split question words": split_question_words,
    "reorder cells": reorder_cells,
    "page furniture": add_page_furniture,
}


def split_any_words(text: str, rnd: random.Random) -> str:
    words = list(re.finditer(r"\b[A-Za-z]{5,}\b", text))
    cuts = sorted(rnd.sample(words, min(len(words), rnd.randint(1, 40))), key=lambda m: -m.start())
    for m in cuts:
        at = m.start() + rnd.randint(2, len(m.group(0)) - 2)
        text = text[:at] + rnd.choice([" ", "\t"]) + text[at:]
    return text


def lose_lines(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for i in sorted(rnd.sample(nonblank, rnd.randint(1, 4)), reverse=True):
        del lines[i]
    return "\n".join(lines)


@pytest.mark.parametrize("name", REPORTS)
@SETTINGS
@given(data=st.data())
def test_mild_damage_gives_exactly_the_expected_json(name: str, data: st.DataObject) -> None:
    text, expected = SHARED[name]
    kinds = data.draw(st.lists(st.sampled_from(sorted(MILD)), min_size=1, max_size=4, unique=True))
    rnd = data.draw(st.randoms(use_true_random=False))
    for kind in kinds:
        text = MILD[kind](text, rnd)
    parsed = parse_report_text(text).as_dict()
    assert contract_of(parsed) == expected


@pytest.mark.parametrize("name", REPORTS)
@SETTINGS
@given(data=st.data())
def test_harsh_damage_gives_right_figures_or_a_clear_error(name: str, data: st.DataObject) -> None:
    text, truth = SHARED[name]
    rnd = data.draw(st.randoms(use_true_random=False))
    for kind in data.draw(st.lists(st.sampled_from(sorted(MILD)), max_size=2, unique=True)):
        text = MILD[kind](text, rnd)
    if data.draw(st.booleans()):
        text = split_any_words(text, rnd)
    if data.draw(st.booleans()):
        text = lose_lines(text, rnd)
    try:
        parsed = parse_report_text(text).as_dict()
    except ReportParseError as exc:
        assert exc.message  # a clear message, no traceback
        return
    assert parsed["overall_rating"] == truth["overall_rating"]
    assert parsed["samples"] == truth["samples"]
    assert {s["id"]: s["rating"] for s in parsed["standards"]} == {
        s["id"]: s["rating"] for s in truth["standards"]
    }
    right = {
        q["id"]: (q["percent_yes"], q["relevant_subsample_only"]) for q in truth["key_questions"]
    }
    for q in parsed["key_questions"]:
        assert right[q["id"]] == (q["percent_yes"], q["relevant_subsample_only"]), q["id"]
    found = {q["id"] for q in parsed["key_questions"]}
    assert set(parsed["checks"]["missing_key_questions"]) == set(right) - found
    if not parsed["checks"]["missing_key_questions"]:
        assert parsed["panel_adjustments"] == truth["panel_adjustments"]


ratings = st.sampled_from(list(Rating))


@settings(max_examples=40, deadline=None)
@given(
    percents=st.lists(st.integers(0, 100), min_size=19, max_size=19),
    judgements=st.lists(ratings, min_size=4, max_size=4),
    panel=st.dictionaries(
        st.sampled_from(["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]),
        st.tuples(ratings, st.booleans()),
        max_size=3,
    ),
    style=st.sampled_from(["text", "markdown", "html"]),
)
def test_invented_reports_read_back_and_check_as_built(
    percents: list[int],
    judgements: list[Rating],
    panel: dict[str, tuple[Rating, bool]],
    style: str,
) -> None:
    spec = Spec(style=style)
    spec = spec.but(
        percents=dict(zip(spec.percents, percents, strict=True)),
        judgements=dict(zip(["1.1", "1.2", "1.3", "1.4"], judgements, strict=True)),
        panel={
            sid: (rating, "The ratings panel agreed the rating be adjusted." if note else None)
            for sid, (rating, note) in panel.items()
        },
    )
    report = parse_report_text(build(spec))
    assert contract_of(report.as_dict()) == contract(spec)
    for check in report.checks.standards:
        differs = calculated(spec.percents, check.standard) != check.awarded
        explained = check.standard in spec.panel and spec.panel[check.standard][1] is not None
        want = (
            CheckStatus.CONSISTENT
            if not differs
            else CheckStatus.PANEL_ADJUSTMENT
            if explained
            else CheckStatus.UNEXPLAINED
        )
        assert check.status is want, check.standard
    assert report.checks.overall.consistent is True
