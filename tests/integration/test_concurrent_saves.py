"""Two saves of one case from the same version at the same moment, on PostgreSQL: one is saved,
the other is refused as a conflict; nothing is overwritten silently."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from inspection_web import first_case, inspection_in_fieldwork, team
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.errors import Conflict
from sufficiency.web.assessments.models import Answer, CaseAssessment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_saves_give_one_success_and_one_conflict(framework_version) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): SQLite serialises every write")
    crew = team()
    inspection = inspection_in_fieldwork(framework_version, crew)
    case = first_case(inspection, crew.inspectors[0])
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(judgement: str) -> None:
        try:
            mine = CaseAssessment.objects.select_related("sampled_case__sample", "inspection").get(
                pk=case.pk
            )
            start.wait(timeout=10)
            save_case(
                mine,
                CaseChanges(answers={"2.1.1": AnswerChange(judgement)}),
                version=1,
                actor=crew.inspectors[0],
            )
            outcomes[judgement] = "saved"
        except Conflict:
            outcomes[judgement] = "conflict"
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=save, args=(j,)) for j in ("yes", "no")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    (winner,) = [j for j, outcome in outcomes.items() if outcome == "saved"]
    assert Answer.objects.get(case=case, question_id="2.1.1").judgement == winner
    assert CaseAssessment.objects.get(pk=case.pk).version == 2
