"""The paragraphs of a built report that carry a stable id: what a factual accuracy comment
points at."""

from __future__ import annotations

from dataclasses import dataclass

from sufficiency.reporting import Report
from sufficiency.reporting.document import Items, Para, Words


@dataclass(frozen=True)
class Paragraph:
    id: str  # "standard-2.1-key-findings-2"
    section: str  # the title of the section it is in
    text: str


def paragraphs(report: Report) -> list[Paragraph]:
    out = []
    for section in report.walk():
        for block in section.blocks:
            if isinstance(block, Para) and block.anchor:
                text = "".join(p.text for p in block.parts if isinstance(p, Words))
            elif isinstance(block, Items) and block.anchor:
                text = "\n".join(
                    "- " + "".join(p.text for p in item if isinstance(p, Words))
                    for item in block.items
                )
            else:
                continue
            out.append(Paragraph(block.anchor, section.title, text))
    return out
