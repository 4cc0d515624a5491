"""No sample type id and no caseload category value is spelt out in the code: they live in the
framework files (and in tests). A test that greps the source for them."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

from sufficiency.framework import Framework, builtin_framework_ids, load_framework
from sufficiency.framework.model import ColumnType
from sufficiency.ratings import Judgement

SRC = Path(__file__).parents[2] / "src" / "sufficiency"
PROVIDER_FRAMEWORK = Path(__file__).parents[1] / "data" / "northmoor-own-audit.yaml"
# Files other engineers own that still name these values, to be wired to the framework after
# their work lands (the coordinator's list). Each must still hit, so that the list only shrinks.
PENDING = {
    "web/demo/services.py",
}
SKIPPED_FOLDERS = ("framework/data", "sampling/data", "migrations")


def vocabulary(framework: Framework) -> set[str]:
    """Sample type ids (also with hyphens) and category values of three characters or more."""
    assert framework.sampling is not None
    words = {s.id for s in framework.sampling.samples}
    words |= {w.replace("_", "-") for w in words}
    for column in framework.sampling.caseload.columns:
        if column.type is ColumnType.CATEGORY:
            words |= {v for v in column.allowed if len(v) >= 3}
    # yes and no are also the ratings engine's judgements: a literal cannot say which it is.
    return words - {j.value for j in Judgement}


WORDS = vocabulary(load_framework(str(PROVIDER_FRAMEWORK))) | {
    word for ident in builtin_framework_ids() for word in vocabulary(load_framework(ident))
}


def python_literals(text: str) -> Iterator[tuple[int, str]]:
    """Every string literal of Python source (f-strings' literal parts too), with its line."""
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except ValueError:  # an f-string before Python 3.12
                value = token.string
            if isinstance(value, str):
                yield token.start[0], value
        elif token.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            yield token.start[0], token.string


# In a template, prose uses plain words ("own", "casework"): only identifiers are looked for there.
TEMPLATE_WORDS = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(w) for w in sorted(WORDS) if "_" in w or "-" in w)
    + r")(?![\w-])"
)


def hits_in(text: str, suffix: str) -> list[str]:
    if suffix == ".py":
        return [f"{line}: {lit!r}" for line, lit in python_literals(text) if lit in WORDS]
    return [
        f"{line}: {m.group(1)!r}"
        for line, row in enumerate(text.splitlines(), 1)
        for m in TEMPLATE_WORDS.finditer(row)
    ]


def hits(path: Path) -> list[str]:
    return hits_in(path.read_text(encoding="utf-8"), path.suffix)


def sources() -> Iterator[tuple[str, Path]]:
    for path in sorted(SRC.rglob("*")):
        relative = path.relative_to(SRC).as_posix()
        if path.suffix in {".py", ".html"} and not any(f in relative for f in SKIPPED_FOLDERS):
            yield relative, path


def test_the_vocabulary_is_found_when_it_is_there() -> None:
    assert {"case_supervision", "unpaid-work", "community_order", "very_high", "casework"} <= WORDS
    code = 'x = "licence"\ny = "Licence holders"\nz = ("through-the-gate",)\n'
    assert hits_in(code, ".py") == ["1: 'licence'", "3: 'through-the-gate'"]
    page = "<li>{{ parsed.samples.case_supervision }}</li><p>our own casework</p>"
    assert hits_in(page, ".html") == ["1: 'case_supervision'"]


def test_no_code_names_a_sample_type_or_a_category_value() -> None:
    offending = {
        relative: found
        for relative, path in sources()
        if relative not in PENDING and (found := hits(path))
    }
    assert offending == {}


def test_the_files_still_to_be_wired_are_listed_until_they_are() -> None:
    clean = sorted(
        relative for relative, path in sources() if relative in PENDING and not hits(path)
    )
    assert clean == [], f"wired to the framework now: take {clean} off PENDING"
