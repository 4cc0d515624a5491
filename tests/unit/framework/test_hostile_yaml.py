"""A framework file is hostile until checked: no anchors or aliases, and bounded in size and depth,
refused from the YAML events before anything is built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sufficiency.framework import FrameworkError, load_framework_file, parse_framework
from sufficiency.framework.loader import MAX_CHARACTERS, MAX_DEPTH

# Nine levels of nine aliases each: about 400 bytes that expand to 9**9 (387 million) strings.
NESTED_ALIASES = "\n".join(
    ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    + [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
)


def only_problem(text: str) -> str:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="hostile.yaml")
    (problem,) = caught.value.problems
    return str(problem)


def test_a_file_of_nested_aliases_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    assert len(NESTED_ALIASES.encode()) < 500
    path = tmp_path / "hostile.yaml"
    path.write_text(NESTED_ALIASES, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{path}:1: YAML anchors and aliases")


def test_an_alias_or_a_merge_key_is_refused_with_its_line() -> None:
    text = "id: x\nratings: &r {}\nother: *r\n"
    assert only_problem(text).startswith("hostile.yaml:2: YAML anchors and aliases")
    merge = "base: &b {a: 1}\nnext:\n  <<: *b\n"
    assert "anchors and aliases" in only_problem(merge)


def test_nesting_deeper_than_any_framework_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert f"nested more than {MAX_DEPTH} levels deep" in only_problem(text)


def test_a_file_larger_than_any_framework_is_refused_before_it_is_parsed() -> None:
    text = "# " + "x" * MAX_CHARACTERS + "\n"
    assert "a framework file may have at most" in only_problem(text)
