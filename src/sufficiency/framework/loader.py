"""Load and validate a framework file, reporting every problem with where it is.

A framework file is YAML (see ``data/hmip-probation-2018.yaml``). The same loader reads the
frameworks Sufficiency ships and a provider's own audit framework written in the same format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sufficiency.framework.model import Framework, RatedBy, Rating
from sufficiency.framework.problems import Problem as Problem
from sufficiency.framework.problems import ProblemsError
from sufficiency.framework.sampling_rules import sampling_problems

Location = tuple[str | int, ...]

# What a framework file may hold: far more than any real one (the 2018/19 framework is about 30,000
# characters, 600 values, 9 levels deep), far less than would cost time or memory to read.
MAX_CHARACTERS = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 50_000

# libyaml's safe loader when PyYAML has it (its wheels do): the same documents, ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrameworkError(ProblemsError):
    """A framework file that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)


def _dotted(loc: Location) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_index(node: yaml.Node, loc: Location = ()) -> Iterator[tuple[Location, int]]:
    """Every location in a composed YAML document with its (1-based) line."""
    yield loc, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value
            yield (*loc, name), key.start_mark.line + 1
            yield from ((sub, line) for sub, line in _line_index(value, (*loc, name)) if sub)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _line_index(item, (*loc, i))


class _Locator:
    def __init__(self, source: str, root: yaml.Node | None) -> None:
        self.source = source
        self.lines: dict[Location, int] = {}
        if root is not None:
            for loc, line in _line_index(root):
                self.lines.setdefault(loc, line)

    def problem(self, loc: Location, message: str, value: str | None = None) -> Problem:
        line = None
        for end in range(len(loc), -1, -1):  # the nearest enclosing place that has a line
            line = self.lines.get(loc[:end])
            if line is not None:
                break
        return Problem(
            source=self.source, line=line, field=_dotted(loc) or None, value=value, reason=message
        )


def parse_framework(text: str, source: str = "<framework>") -> Framework:
    """Validate framework YAML text; raise FrameworkError listing every problem.

    The text is hostile until checked: it is refused past ``MAX_CHARACTERS``, and its YAML events
    are read once, linearly, before anything is built from them, to refuse anchors and aliases
    (a few hundred bytes of nested aliases expand to gigabytes) and nesting deeper than
    ``MAX_DEPTH`` or larger than ``MAX_NODES``.
    """
    if len(text) > MAX_CHARACTERS:
        raise FrameworkError(
            [
                Problem(
                    source=source,
                    reason=f"the file has {len(text):,} characters; a framework file may have at "
                    f"most {MAX_CHARACTERS:,}",
                )
            ]
        )
    try:
        _check_events(text, source)
        loader = _SAFE_LOADER(text)
        try:  # one parse: the node tree gives the line numbers, and the values are built from it
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise FrameworkError(
            [Problem(source=source, line=line, reason=f"not valid YAML: {reason}")]
        ) from None
    locate = _Locator(source, root)
    if not isinstance(data, dict):
        raise FrameworkError([locate.problem((), "a framework file must be a YAML mapping")])
    try:
        framework = Framework.model_validate(data)
    except ValidationError as exc:
        problems = [
            locate.problem(tuple(err["loc"]), _schema_message(err), _shown(err))
            for err in exc.errors()
        ]
        raise FrameworkError(problems) from None
    problems = list(_rule_problems(framework, locate))
    if problems:
        raise FrameworkError(problems)
    return framework


def _check_events(text: str, source: str) -> None:
    """Refuse anchors, aliases, and documents too deep or too large, from the YAML events
    alone (linear in the text, before any node is built)."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise FrameworkError(
                [
                    Problem(
                        source=source,
                        line=line,
                        reason="YAML anchors and aliases (&name, *name, <<) are not allowed in a "
                        "framework file; write each value out where it is used",
                    )
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrameworkError(
                    [
                        Problem(
                            source=source,
                            line=line,
                            reason=f"nested more than {MAX_DEPTH} levels deep; a framework "
                            "file is not",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise FrameworkError(
                    [
                        Problem(
                            source=source,
                            line=line,
                            reason=f"more than {MAX_NODES:,} values; a framework file has far "
                            "fewer",
                        )
                    ]
                )


def _shown(err: Any) -> str | None:
    """The value a schema error is about, as text (None for a mapping or a list)."""
    value = err.get("input")
    if isinstance(value, dict | list | tuple) or value is None:
        return None
    return str(value)


def _schema_message(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown field {err['loc'][-1]!r}"
    if kind == "missing":
        return f"required field {err['loc'][-1]!r} is missing"
    if kind == "string_type" and isinstance(err.get("input"), bool):
        return (
            "YAML reads yes, no, true, false, on and off written without quotes as true or "
            'false: put the text in quotes ("yes")'
        )
    return str(err["msg"])


def _rule_problems(fw: Framework, locate: _Locator) -> Iterator[Problem]:
    """The rules a schema cannot state: unique ids, nesting, bands in order."""
    yield from _id_problems(fw, locate)
    yield from _band_problems(fw, locate)
    yield from sampling_problems(fw, locate.problem)
    sample_ids = set(fw.samples)
    for d, domain in enumerate(fw.domains):
        for s, standard in enumerate(domain.standards):
            here: Location = ("domains", d, "standards", s)
            if standard.rated_by is RatedBy.CASE_DATA:
                if not standard.key_questions:
                    yield locate.problem(
                        here,
                        f"standard {standard.id} is rated from case data but has no key questions",
                    )
                if standard.sample is None:
                    yield locate.problem(
                        here, f"standard {standard.id} is rated from case data but names no sample"
                    )
                elif fw.sampling is not None and standard.sample not in sample_ids:
                    yield locate.problem(
                        (*here, "sample"),
                        f"standard {standard.id} uses sample {standard.sample!r}, which the "
                        f"sampling section does not define (it has: {', '.join(sorted(sample_ids))})",
                    )
            elif standard.key_questions:
                yield locate.problem(
                    (*here, "key_questions"),
                    f"standard {standard.id} is rated by judgement, so it cannot have key questions",
                )


def _id_problems(fw: Framework, locate: _Locator) -> Iterator[Problem]:
    seen: dict[str, Location] = {}

    def check(ident: str, loc: Location, parent: str | None, kind: str) -> Iterator[Problem]:
        if ident in seen:
            yield locate.problem(
                (*loc, "id"),
                f"duplicate id {ident!r}: already used at {_dotted(seen[ident])}",
            )
        else:
            seen[ident] = loc
        if parent is not None and not ident.startswith(parent + "."):
            yield locate.problem(
                (*loc, "id"),
                f"{kind} {ident!r} is under {parent!r}, but its id names another parent "
                f"(expected an id starting {parent + '.'!r})",
            )

    for d, domain in enumerate(fw.domains):
        dloc: Location = ("domains", d)
        yield from check(domain.id, dloc, None, "domain")
        for s, standard in enumerate(domain.standards):
            sloc = (*dloc, "standards", s)
            yield from check(standard.id, sloc, domain.id, "standard")
            for q, question in enumerate(standard.key_questions):
                qloc = (*sloc, "key_questions", q)
                yield from check(question.id, qloc, standard.id, "key question")
                for p, prompt in enumerate(question.prompts):
                    yield from check(prompt.id, (*qloc, "prompts", p), question.id, "prompt")


def _band_problems(fw: Framework, locate: _Locator) -> Iterator[Problem]:
    cfg = fw.ratings
    scored = set(cfg.scores)
    for rating in Rating:
        if rating not in scored:
            yield locate.problem(("ratings", "scores"), f"no score for {rating.value!r}")
    order = sorted(Rating, key=lambda r: cfg.scores.get(r, 0), reverse=True)
    if len(set(cfg.scores.values())) != len(cfg.scores):
        yield locate.problem(("ratings", "scores"), "two ratings have the same score")

    bands = cfg.key_question_bands
    ratings_in_bands = [b.rating for b in bands]
    if sorted(ratings_in_bands, key=order.index) != ratings_in_bands or len(
        set(ratings_in_bands)
    ) != len(ratings_in_bands):
        yield locate.problem(
            ("ratings", "key_question_bands"),
            f"bands must list each rating once, best first ({', '.join(r.value for r in order)})",
        )
    for i in range(1, len(bands)):
        if bands[i].min_percent >= bands[i - 1].min_percent:
            yield locate.problem(
                ("ratings", "key_question_bands", i, "min_percent"),
                f"thresholds out of order: {bands[i].rating.value} starts at "
                f"{bands[i].min_percent}%, not below {bands[i - 1].rating.value}'s "
                f"{bands[i - 1].min_percent}%",
            )
    if bands and bands[-1].min_percent != 0:
        yield locate.problem(
            ("ratings", "key_question_bands", len(bands) - 1, "min_percent"),
            "the lowest band must start at 0% so that every percentage has a rating",
        )

    top = max(cfg.scores.values(), default=0) * len(fw.standards)
    covered: list[int] = []
    for i, band in enumerate(cfg.overall_bands):
        if band.min_score > band.max_score:
            yield locate.problem(
                ("ratings", "overall_bands", i),
                f"{band.rating.value}: min_score {band.min_score} is above max_score "
                f"{band.max_score}",
            )
        covered.extend(range(band.min_score, band.max_score + 1))
    counts = Counter(covered)
    overlaps = sorted(score for score, n in counts.items() if n > 1)
    gaps = [score for score in range(top + 1) if score not in counts]
    if overlaps:
        yield locate.problem(
            ("ratings", "overall_bands"), f"overall bands overlap at scores {_ranges(overlaps)}"
        )
    if gaps:
        yield locate.problem(
            ("ratings", "overall_bands"),
            f"overall bands leave scores {_ranges(gaps)} without a rating "
            f"(scores run from 0 to {top} for {len(fw.standards)} standards)",
        )


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def load_framework_file(path: Path) -> Framework:
    """Load a framework file (read no further than a framework file may go)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CHARACTERS * 4 + 1)  # UTF-8: at most 4 bytes a character
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(
            [Problem(source=str(path), reason=f"cannot read the file: {exc}")]
        ) from None
    return parse_framework(text, source=str(path))


_DATA = resources.files("sufficiency.framework") / "data"


def builtin_framework_ids() -> list[str]:
    """Ids of the frameworks shipped inside the package."""
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in _DATA.iterdir()
        if entry.name.endswith(".yaml")
    )


def builtin_framework_text(framework_id: str) -> str:
    """The YAML text of a shipped framework, as stored beside the parsed framework."""
    if framework_id not in builtin_framework_ids():
        raise KeyError(framework_id)
    return (_DATA / f"{framework_id}.yaml").read_text(encoding="utf-8")


def load_framework(name: str) -> Framework:
    """A shipped framework by id, or any framework file by path."""
    if name in builtin_framework_ids():
        return parse_framework(builtin_framework_text(name), source=f"{name}.yaml")
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        return load_framework_file(path)
    known = ", ".join(builtin_framework_ids())
    raise FrameworkError(
        [
            Problem(
                source=name,
                reason=f"no framework with this id or path (shipped frameworks: {known})",
            )
        ]
    )
