"""The built report as a structured document, before any format: sections, blocks, tables.

Every renderer (HTML, PDF, CSV, JSON) walks the same ``Report``, so the formats cannot disagree
about a figure. Words are plain strings; a renderer escapes them for its format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Words:
    text: str
    strong: bool = False


@dataclass(frozen=True)
class Mark:
    """A footnote mark, pointing at the footnote with this number."""

    number: int


Inline = Words | Mark


@dataclass(frozen=True)
class Para:
    kind: ClassVar[str] = "para"
    parts: tuple[Inline, ...]
    style: str = ""  # "" for body text; "lead", "rating", "statement", "caption" otherwise
    anchor: str = ""  # a narrative paragraph's stable id ("standard-2.1-key-findings-2")

    @classmethod
    def of(cls, text: str, style: str = "") -> Para:
        return cls((Words(text),), style)


@dataclass(frozen=True)
class Items:
    kind: ClassVar[str] = "items"
    items: tuple[tuple[Inline, ...], ...]
    numbered: bool = False
    anchor: str = ""


@dataclass(frozen=True)
class Cell:
    parts: tuple[Inline, ...]
    header: bool = False  # a row header (the table's column headers are ``Table.columns``)
    numeric: bool = False
    span: int = 1  # columns it spans

    @classmethod
    def of(cls, text: str, **kwargs: bool | int) -> Cell:
        return cls((Words(text),), **kwargs)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        """The cell's words, without footnote marks."""
        return "".join(p.text for p in self.parts if isinstance(p, Words))


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    id: str  # unique in the report; the CSV file's name
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    style: str = ""  # "summary", "results", "breakdown", "detail"


@dataclass(frozen=True)
class Chart:
    kind: ClassVar[str] = "chart"
    id: str
    title: str
    svg: str  # inline SVG from matplotlib (labels as text), titled for assistive technology
    alternative: tuple[str, ...]  # the text alternative: one line per figure shown


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class Footnotes:
    kind: ClassVar[str] = "footnotes"
    notes: tuple[Footnote, ...]


Block = Para | Items | Table | Chart | Footnotes


@dataclass(frozen=True)
class Section:
    id: str  # the anchor in HTML
    title: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    in_contents: bool = True


@dataclass(frozen=True)
class Report:
    title: str  # "An inspection of <provider>"
    provider: str
    date_line: str  # "March 2019": the month of publication, or of the end of fieldwork
    draft: bool
    cover: tuple[Block, ...]
    sections: tuple[Section, ...]
    language: str = "en-GB"

    def tables(self) -> list[Table]:
        """Every table in the report, in reading order."""
        return [b for section in self.walk() for b in section.blocks if isinstance(b, Table)]

    def walk(self) -> Iterator[Section]:
        def visit(section: Section) -> Iterator[Section]:
            yield section
            for child in section.children:
                yield from visit(child)

        for section in self.sections:
            yield from visit(section)
