"""The recommendations, which follow the summary of ratings: "<addressee> should:" and a list."""

from __future__ import annotations

import re

from sufficiency.published.document import (
    RECOMMENDATIONS_HEADING,
    Document,
    looks_like_heading,
)
from sufficiency.published.model import Recommendation
from sufficiency.published.text import normalise_space

ADDRESSEE = re.compile(r"^(.{3,150}?)\s{1,9}should\s{0,9}:\s{0,9}$")
ITEM = re.compile(r"^(?:[-•*]\s*|\d{1,2}[.)]\s+)+(.*)$")


def read_recommendations(doc: Document) -> tuple[Recommendation, ...]:
    start = next(
        (line.index for line in doc.lines if RECOMMENDATIONS_HEADING.match(line.text)), None
    )
    if start is None:
        return ()
    items: list[tuple[str | None, list[str]]] = []  # addressee, the item's lines
    to: str | None = None
    in_item = previous_blank = False
    for line in doc.lines[start + 1 :]:
        if line.blank:
            previous_blank = True
            continue
        addressee = ADDRESSEE.match(line.text)
        item = ITEM.match(line.text)
        if addressee:
            to, in_item = normalise_space(addressee.group(1)), False
        elif item:
            items.append((to, [item.group(1)]))
            in_item = True
        elif in_item and not previous_blank and not looks_like_heading(line.text):
            items[-1][1].append(line.text)  # an item wrapped onto another line
        elif items or looks_like_heading(line.text):
            break
        previous_blank = False
    texts = [(to, normalise_space(" ".join(parts))) for to, parts in items]
    return tuple(Recommendation(to, text) for to, text in texts if text)
