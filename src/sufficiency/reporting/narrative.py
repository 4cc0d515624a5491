"""The narrative's text format: paragraphs and lists, never markup.

Inspectors write plain text. A blank line ends a paragraph. A line starting with "- ", "* " or
"• " is an item of a bulleted list; a line starting with a number and ". " or ") " is an item of
a numbered list; a line that follows an item without a blank line continues it. Everything else
is words: "<b>" is four characters, printed as such, in every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list item's marker at the start of a line: "- ", "* ", "• ", or "1. " / "1) ".
BULLET_ITEM = re.compile(r"^[-*•][ \t]+")
NUMBERED_ITEM = re.compile(r"^\d{1,3}[.)][ \t]+")
# Runs of spaces and tabs inside a line: one space.
SPACE_RUN = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    numbered: bool


Block = Paragraph | ItemList


def parse_narrative(text: str) -> tuple[Block, ...]:
    """Plain narrative text → paragraphs and lists, in order (linear in the text)."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    numbered = False

    def flush() -> None:
        nonlocal numbered
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append(ItemList(tuple(items), numbered))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = SPACE_RUN.sub(" ", raw).strip()
        if not line:
            flush()
            continue
        bullet, number = BULLET_ITEM.match(line), NUMBERED_ITEM.match(line)
        marker = bullet or number
        if marker is not None:
            if paragraph or (items and numbered != (number is not None)):
                flush()
            numbered = number is not None
            items.append(line[marker.end() :])
        elif items:
            items[-1] += " " + line
        else:
            paragraph.append(line)
    flush()
    return tuple(blocks)


def block_texts(blocks: tuple[Block, ...]) -> list[tuple[str, str]]:
    """Each piece of words in the blocks with the place it holds ("paragraph 2", "list item 3"),
    counted from 1 as a reader would."""
    out: list[tuple[str, str]] = []
    paragraphs = items = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs += 1
            out.append((f"paragraph {paragraphs}", block.text))
        else:
            for item in block.items:
                items += 1
                out.append((f"list item {items}", item))
    return out
