"""What a hostile framework file costs the loader: nested YAML aliases, against loading the
shipped framework (the baseline), measured side by side in one run.

    uv run python benchmarks/framework_aliases.py [--runs 20]

A file of nine anchors, each a list of nine aliases of the one before, is about 400 bytes and
expands to 9**9 strings: a YAML loader that builds it runs for seconds and takes a gigabyte. The
framework loader refuses anchors and aliases from the YAML events, before building anything; this
prints how long that refusal takes as a ratio of loading the real framework, and, for scale, what
walking the node tree of a smaller bomb (five levels, 9**5 strings) costs, as the loader's
line index did before it refused aliases (every alias followed; each level costs nine times more).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import yaml

from sufficiency.framework import FrameworkError, builtin_framework_text, parse_framework


def bomb(levels: int) -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines)


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def walk(node: yaml.Node) -> int:
    """Every node under ``node``, aliases followed, as a line index walks them."""
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(walk(key) + walk(value) for key, value in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(walk(item) for item in node.value)
    return 1


def refused(text: str) -> None:
    try:
        parse_framework(text, source="bomb.yaml")
    except FrameworkError:
        return
    raise AssertionError("the loader accepted a file of aliases")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    shipped = builtin_framework_text("hmip-probation-2018")
    nine = bomb(9)
    baseline = median_ms(lambda: parse_framework(shipped, "hmip-probation-2018.yaml"), runs)
    hostile = median_ms(lambda: refused(nine), runs)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    five = bomb(5)
    root = yaml.compose(five, Loader=loader)
    expanded = median_ms(lambda: walk(root), max(3, runs // 4))
    print(f"baseline: load the shipped framework ({len(shipped):,} chars): {baseline:.2f} ms")
    print(
        f"refuse a {len(nine.encode())}-byte file of nine nested alias levels: {hostile:.3f} ms "
        f"({hostile / baseline:.4f}x the baseline)"
    )
    print(
        f"for scale, walking five levels' node tree (9**5 strings, {len(five.encode())} bytes): "
        f"{expanded:.1f} ms ({expanded / baseline:.1f}x the baseline; each level is 9x more)"
    )


if __name__ == "__main__":
    main()
