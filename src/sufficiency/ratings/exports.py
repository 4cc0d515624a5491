"""An inspection's recorded data as the engine's own files: ANSWERS.csv, CASES.csv, DECISIONS.csv.

Written from the counted cases only (``ratings.counting``), so that

    sufficiency rate --answers answers.csv --cases cases.csv --decisions decisions.csv

gives exactly the live result. Every cell is spreadsheet-safe (``sufficiency.exports``), and the
readers in ``ratings.files`` read each value back as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sufficiency.exports import safe_cell
from sufficiency.framework import Framework
from sufficiency.ratings.counting import RecordedCase, count_cases
from sufficiency.ratings.files import ANSWER_COLUMNS, CASE_COLUMNS, DECISION_COLUMNS
from sufficiency.ratings.model import Answer, Case, Decision


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: CRLF line ends, quotes where a value needs them
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def answers_csv(answers: Iterable[Answer]) -> str:
    """ANSWERS.csv: case_id,question_id,answer (yes, no or n/a)."""
    return _csv(ANSWER_COLUMNS, ((a.case_id, a.question_id, a.judgement.value) for a in answers))


def cases_csv(cases: Iterable[Case]) -> str:
    """CASES.csv: case_id,sample,rosh_relevant (yes or no)."""
    return _csv(CASE_COLUMNS, ((c.id, c.sample, "yes" if c.rosh_relevant else "no") for c in cases))


def decisions_csv(decisions: Iterable[Decision]) -> str:
    """DECISIONS.csv: standard_id,rating,reason."""
    return _csv(DECISION_COLUMNS, ((d.standard_id, d.rating.value, d.reason) for d in decisions))


@dataclass(frozen=True)
class EngineFiles:
    """The text of the three files, named as ``sufficiency rate`` names them."""

    answers: str
    cases: str
    decisions: str


def inspection_files(
    framework: Framework,
    recorded: Iterable[RecordedCase],
    answers: Iterable[Answer],
    decisions: Sequence[Decision] = (),
) -> EngineFiles:
    """The counted cases, their answers (in case order, then framework order) and the decisions.

    The same selection as ``ratings.counting.rate_recorded``, so the files rate alike.
    """
    counting = count_cases(recorded)
    order = {qid: i for i, qid in enumerate(framework.key_questions)}
    position = {(c.id, c.sample): i for i, c in enumerate(counting.counted)}
    kept = counting.answers_of_counted(framework, answers)

    def place(answer: Answer) -> tuple[int, int, str, str]:
        standard = framework.standard_of.get(answer.question_id)
        key = (answer.case_id, standard.sample or "") if standard else None
        return (
            position.get(key, len(position)) if key else len(position),
            order.get(answer.question_id, len(order)),
            answer.case_id,
            answer.question_id,
        )

    return EngineFiles(
        answers=answers_csv(sorted(kept, key=place)),
        cases=cases_csv(counting.counted),
        decisions=decisions_csv(decisions),
    )
