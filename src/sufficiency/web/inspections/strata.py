"""Readable names for strata: "Male, community order, medium RoSH", not male/community_order/medium."""

from __future__ import annotations

from collections.abc import Sequence

# How a field's value reads in a stratum's name; the value itself when not listed.
_SUFFIX = {"rosh": " RoSH", "ttg": " (Through the Gate)"}
_WORDS = {"very_high": "very high", "post_sentence_supervision": "post-sentence supervision"}


def readable_stratum(fields: Sequence[str], key: Sequence[str]) -> str:
    """The stratum's name in words, first letter capitalised; "All cases" with no stratum fields."""
    if not key:
        return "All cases"
    parts = [
        _WORDS.get(value, value.replace("_", " ")) + _SUFFIX.get(field, "")
        for field, value in zip(fields, key, strict=True)
    ]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]
