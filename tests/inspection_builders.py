"""Build inspected cases and answers the way an inspection would record them."""

from __future__ import annotations

from sufficiency.ratings import Answer, Case, Judgement

YES, NO, NA = Judgement.YES, Judgement.NO, Judgement.NOT_APPLICABLE


def cases(sample: str, count: int, rosh_relevant: int = 0, prefix: str = "") -> list[Case]:
    """`count` cases in a sample, the first `rosh_relevant` of them in the relevant sub-sample."""
    tag = prefix or sample[:3].upper()
    return [Case(f"{tag}-{i:03d}", sample, i < rosh_relevant) for i in range(count)]


def answer(question: str, of: list[Case], yes: int, no: int, na: int = 0) -> list[Answer]:
    """`yes` cases answered yes, then `no` answered no, then `na` not applicable; the rest not
    answered."""
    judgements = [YES] * yes + [NO] * no + [NA] * na
    assert len(judgements) <= len(of), "more answers than cases"
    return [Answer(c.id, question, j) for c, j in zip(of, judgements, strict=False)]
