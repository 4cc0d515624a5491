"""Reading the ratings engine's input files: ANSWERS.csv and DECISIONS.csv.

Every bad row is reported at once, with file, line, field and reason; nothing is rated from a
file with any bad row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from sufficiency.exports import read_cell
from sufficiency.framework import Framework, Rating
from sufficiency.framework.csvlines import records
from sufficiency.ratings.model import (
    Answer,
    Case,
    Decision,
    InputProblem,
    Judgement,
    Origin,
    RatingsInputError,
    parse_rating,
)

ANSWER_COLUMNS = ("case_id", "question_id", "answer")
CASE_COLUMNS = ("case_id", "sample", "rosh_relevant")
DECISION_COLUMNS = ("standard_id", "rating", "reason")


def _rows(path: Path, required: Sequence[str]) -> Iterator[tuple[Origin, dict[str, str]]]:
    """Rows of a CSV file with a header naming at least the required columns, each with the
    physical line it starts on (quoted line breaks and blank lines counted)."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RatingsInputError(
            [InputProblem(source=source, reason=f"cannot read the file: {exc.strerror}")]
        ) from None
    if b"\x00" in raw[:4096]:
        raise RatingsInputError(
            [InputProblem(source=source, reason="this is a binary file, not a CSV file")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RatingsInputError(
            [
                InputProblem(
                    source=source,
                    reason=f"not UTF-8 text (byte {exc.start} cannot be read); save it as CSV UTF-8",
                )
            ]
        ) from None
    found = records(text)
    first = next(found, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise RatingsInputError(
            [
                InputProblem(
                    source=source,
                    reason=f"the file is empty; it needs a header row: {','.join(required)}",
                )
            ]
        )
    header_line, header = first
    names = [cell.strip().lower() for cell in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise RatingsInputError(
            [
                InputProblem(
                    source=source,
                    line=header_line,
                    reason=f"the header row lacks the column(s) {', '.join(missing)}; "
                    f"expected {','.join(required)} (found {','.join(names)})",
                )
            ]
        )
    for line, cells in found:
        if not any(cell.strip() for cell in cells):
            continue
        padded = [*cells, *[""] * (len(names) - len(cells))]
        yield (
            Origin(source, line),
            {name: read_cell(value).strip() for name, value in zip(names, padded, strict=False)},
        )


def read_answers(path: Path) -> list[Answer]:
    """ANSWERS.csv: case_id,question_id,answer with answer yes, no or n/a."""
    answers: list[Answer] = []
    problems: list[InputProblem] = []
    for origin, row in _rows(path, ANSWER_COLUMNS):
        bad = False
        for column in ("case_id", "question_id"):
            if not row[column]:
                problems.append(InputProblem.at(origin, "missing required value", column, ""))
                bad = True
        try:
            judgement = Judgement.parse(row["answer"])
        except ValueError:
            problems.append(
                InputProblem.at(
                    origin,
                    "not one of yes, no, n/a"
                    + (
                        " (leave the row out for a question not yet answered)"
                        if not row["answer"]
                        else ""
                    ),
                    "answer",
                    row["answer"],
                )
            )
            continue
        if not bad:
            answers.append(Answer(row["case_id"], row["question_id"], judgement, origin))
    if problems:
        raise RatingsInputError(problems)
    return answers


def read_decisions(path: Path) -> list[Decision]:
    """DECISIONS.csv: standard_id,rating,reason: judgements for domain one, panel decisions."""
    decisions: list[Decision] = []
    problems: list[InputProblem] = []
    for origin, row in _rows(path, DECISION_COLUMNS):
        rating = parse_rating(row["rating"])
        if not row["standard_id"]:
            problems.append(InputProblem.at(origin, "missing required value", "standard_id", ""))
        if rating is None:
            words = ", ".join(r.value for r in Rating)
            problems.append(InputProblem.at(origin, f"not one of {words}", "rating", row["rating"]))
        if row["standard_id"] and rating is not None:
            decisions.append(Decision(row["standard_id"], rating, row["reason"], origin))
    if problems:
        raise RatingsInputError(problems)
    return decisions


def read_cases(path: Path, framework: Framework) -> list[Case]:
    """CASES.csv: case_id,sample,rosh_relevant: the inspected cases, so that answers can be
    checked against them (unknown cases, RoSH questions outside the relevant sub-sample). A sample
    is one of the framework's sample type ids (hyphens for underscores also accepted)."""
    samples = list(framework.samples)
    flags = {"yes": True, "no": False, "true": True, "false": False, "y": True, "n": False}
    result: list[Case] = []
    problems: list[InputProblem] = []
    for origin, row in _rows(path, CASE_COLUMNS):
        named = framework.sample_named(row["sample"].lower())
        sample = named.id if named else None
        relevant = flags.get(row["rosh_relevant"].lower())
        if not row["case_id"]:
            problems.append(InputProblem.at(origin, "missing required value", "case_id", ""))
        if sample is None:
            problems.append(
                InputProblem.at(
                    origin,
                    f"not one of the framework's samples: {', '.join(samples)}",
                    "sample",
                    row["sample"],
                )
            )
        if relevant is None:
            problems.append(
                InputProblem.at(origin, "not yes or no", "rosh_relevant", row["rosh_relevant"])
            )
        if row["case_id"] and sample is not None and relevant is not None:
            result.append(Case(row["case_id"], sample, relevant))
    if problems:
        raise RatingsInputError(problems)
    return result
