"""Every pattern that reads uploaded report text is linear in its input (issue 9, hostile input).

The patterns are collected from the modules of ``sufficiency.published`` (every module-level
compiled pattern, also inside tuples, lists and dicts), so a new one cannot be forgotten; a second
test makes sure no module compiles a pattern inside a function, where it could not be collected.

Each pattern is run over adversarial text: a run of 100,000 of each character class, and for
every quantifier or character class in the pattern, the text that leads up to it (read from the
pattern's own syntax: "led by HM Inspector ") followed by 100,000 characters that class takes.
A pattern that backtracks (the old lead-inspector pattern took hours on 1,500 capitals; a
quadratic one takes seconds on 100,000 characters) is stopped by an alarm and fails; a linear one
takes milliseconds on each text. The bound on each text is generous, so a slow machine does not
fail a linear pattern.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import signal
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from types import FrameType, ModuleType
from typing import Any

import pytest

import sufficiency.published

LENGTH = 100_000
# a linear pattern reads one text in milliseconds; the simplest quadratic one (a run rescanned
# from every position) takes six seconds on 100,000 characters, a worse one hours
SECONDS_PER_TEXT = 2.0
CANDIDATES = [*"Aa1 \t\n.,-%*_<>|$^{}[]()':;\"&/#?!+=~@é•¹…–", "\u00a0", "\x00"]
RUNS = [c * LENGTH for c in "Aa1 \t\n.-%*<|$"] + ["A " * (LENGTH // 2), "a." * (LENGTH // 2)]


def published_modules() -> list[ModuleType]:
    package = sufficiency.published
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]


def _patterns_in(value: Any) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _patterns_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item)


def collected_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()
    for module in published_modules():
        for name, value in vars(module).items():
            for n, pattern in enumerate(_patterns_in(value)):
                if id(pattern) in seen or not isinstance(pattern.pattern, str):
                    continue
                seen.add(id(pattern))
                label = f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
                found[label if n == 0 else f"{label}[{n}]"] = pattern
    return found


PATTERNS = collected_patterns()


# --- adversarial text from a pattern's own syntax --------------------------------------------


def _category(char: str, category: Any) -> bool:
    tests = {
        "DIGIT": str.isdecimal,
        "SPACE": str.isspace,
        "WORD": lambda c: c.isalnum() or c == "_",
    }
    name = str(category).split("CATEGORY_")[-1].replace("UNI_", "").replace("LOC_", "")
    if name.startswith("NOT_"):
        return not tests[name[4:]](char)
    return name in tests and tests[name](char)


def _in_set(char: str, items: list[tuple[Any, Any]]) -> bool:
    negate = bool(items) and items[0][0] is sre.NEGATE
    hit = False
    for op, arg in items:
        if op is sre.LITERAL:
            hit |= ord(char) == arg
        elif op is sre.RANGE:
            hit |= arg[0] <= ord(char) <= arg[1]
        elif op is sre.CATEGORY:
            hit |= _category(char, arg)
    return hit != negate


def _one(op: Any, arg: Any) -> str:
    """A character a one-character node takes."""
    if op is sre.LITERAL:
        return chr(arg)
    if op is sre.NOT_LITERAL:
        return next(c for c in CANDIDATES if ord(c) != arg)
    if op is sre.IN:
        return next((c for c in CANDIDATES if _in_set(c, arg)), "")
    if op is sre.ANY:
        return "a"
    return ""


def _walk(nodes: Any, prefix: str, cuts: list[tuple[str, str]]) -> str:
    """The text that leads through ``nodes`` (first alternatives, minimum repeats, at least
    once); each quantifier or class met adds (the text before it, the text it repeats)."""
    text = prefix
    for op, arg in nodes:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            char = _one(op, arg)
            if op is not sre.LITERAL and char:
                cuts.append((text, char))
            text += char
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, body = arg
            once = _walk(body, "", [])
            if once:
                cuts.append((text, once))
            _walk(body, text, cuts)
            text += once * max(low, 1)
        elif op is sre.SUBPATTERN:
            text = _walk(arg[-1], text, cuts)
        elif op is sre.BRANCH:
            alternatives = [_walk(alt, text, cuts) for alt in arg[1]]
            text = alternatives[0]
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _walk(arg[1], text, cuts)
    return text


def adversarial_texts(pattern: re.Pattern[str]) -> list[str]:
    cuts: list[tuple[str, str]] = []
    _walk(sre_parse.parse(pattern.pattern, pattern.flags), "", cuts)
    texts = dict.fromkeys(RUNS)
    for before, repeated in cuts[:80]:
        texts[before[-200:] + repeated * (LENGTH // len(repeated))] = None
    return list(texts)


class _TooSlow(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TooSlow


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_is_linear_in_its_input(name: str) -> None:
    pattern = PATTERNS[name]
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for text in adversarial_texts(pattern):
            signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_TEXT)
            try:
                for _ in pattern.finditer(text):
                    pass
                pattern.fullmatch(text)
            except _TooSlow:
                pytest.fail(
                    f"{name} did not finish within {SECONDS_PER_TEXT} s on {len(text):,} "
                    f"characters starting {text[:60]!r}: it backtracks (its time grows faster "
                    "than its input)"
                )
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_the_collection_finds_the_patterns_of_every_region() -> None:
    modules = {name.split(".")[0] for name in PATTERNS}
    assert {
        "document",
        "title_page",
        "summary",
        "methodology",
        "results_annex",
        "footnotes",
        "formats",
        "quality_impact",
        "text",
        "pdf_extract",
    } <= modules
    assert "title_page.LEAD_INSPECTOR" in PATTERNS
    # the adversarial text reaches past a pattern's fixed words into its quantifiers
    lead = adversarial_texts(PATTERNS["title_page.LEAD_INSPECTOR"])
    assert any(t.startswith("led by ") and "Inspector, " + "A" * 100 in t for t in lead)


BACKTRACKING = {
    # the lead-inspector pattern issue 9 found: nested quantifiers, hours on 1,500 capitals
    "old lead inspector": r"\bled by\s+(?:HM\s+|Her Majesty's\s+|His Majesty's\s+)?"
    r"(?:Assistant\s+Chief\s+|Chief\s+)?Inspector,?\s+((?:[A-Z][\w'.-]*\s?){1,4}?)"
    r"(?=[,.;(]|\s+(?:and|supported|with)\b)",
    # the old cell-gap pattern's first half: a run of spaces rescanned from every position
    "quadratic run": r"[ ]*\t",
}


@pytest.mark.parametrize("name", BACKTRACKING)
def test_a_backtracking_pattern_is_caught(name: str) -> None:
    """The test can fail: patterns known to backtrack are stopped within the bound."""
    pattern = re.compile(BACKTRACKING[name])
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        with pytest.raises(_TooSlow):
            for text in adversarial_texts(pattern):
                signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_TEXT)
                for _ in pattern.finditer(text):
                    pass
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RE_CALLS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
}


def test_no_pattern_is_compiled_inside_a_function() -> None:
    """A pattern written inside a function would escape the collection above."""
    inline = []
    for module in published_modules():
        tree = ast.parse(inspect.getsource(module))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "re"
                    and node.func.attr in _RE_CALLS
                ):
                    inline.append(f"{module.__name__}:{node.lineno} re.{node.func.attr}")
    assert inline == []
