"""Load and validate a framework file, reporting every problem with where it is.

A framework file is YAML (see ``data/hmip-probation-2018.yaml``). The same loader reads the
frameworks Sufficiency ships and a provider's own audit framework written in the same format.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sufficiency.framework.model import Framework
from sufficiency.framework.problems import Location, ProblemsError, dotted
from sufficiency.framework.problems import Problem as Problem
from sufficiency.framework.rules import rule_problems

# What a framework file may hold: far more than any real one (the 2018/19 framework is about 15,000
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
            source=self.source, line=line, field=dotted(loc) or None, value=value, reason=message
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
    problems = list(rule_problems(framework, locate.problem))
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
    if kind == "string_type" and isinstance(err.get("input"), int | float):
        return 'a number where text is expected: put it in quotes ("1")'
    return str(err["msg"])


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
