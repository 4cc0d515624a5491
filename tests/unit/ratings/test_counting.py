"""Which recorded cases count: every case submitted at least once; drafts are open, never counted."""

from __future__ import annotations

import pytest

from inspection_builders import NO, YES, answer, cases
from sufficiency.ratings import Answer, Case, RatingsInputError, rate
from sufficiency.ratings.counting import CaseStatus, RecordedCase, count_cases, rate_recorded

CS = "case_supervision"


@pytest.mark.parametrize(
    ("status", "counts"),
    [
        (CaseStatus.NOT_STARTED, False),
        (CaseStatus.DRAFT, False),
        (CaseStatus.SUBMITTED, True),
        (CaseStatus.QUERIED, True),  # submitted, then queried: still counted
        (CaseStatus.QUALITY_ASSURED, True),
    ],
)
def test_a_case_counts_once_submitted_at_least_once(status, counts):
    assert status.counts is counts


def test_drafts_and_unstarted_cases_are_listed_as_open_in_order():
    a, b, c, d = cases(CS, 4)
    counting = count_cases(
        [
            RecordedCase(a, CaseStatus.DRAFT),
            RecordedCase(b, CaseStatus.SUBMITTED),
            RecordedCase(c, CaseStatus.NOT_STARTED),
            RecordedCase(d, CaseStatus.QUALITY_ASSURED),
        ]
    )
    assert counting.counted == (b, d)
    assert [r.case for r in counting.open] == [a, c]


def test_a_drafts_answers_never_move_a_figure(framework):
    sample = cases(CS, 5)
    statuses = [CaseStatus.SUBMITTED] * 4 + [CaseStatus.DRAFT]
    recorded = [RecordedCase(c, s) for c, s in zip(sample, statuses, strict=True)]
    answers = answer("2.1.1", sample, yes=3, no=2)  # the draft (the fifth case) says no
    result, counting = rate_recorded(framework, recorded, answers)
    figure = result.key_question("2.1.1")
    assert (figure.yes, figure.no, figure.unanswered, figure.percent) == (3, 1, 0, 75)
    assert [r.case.id for r in counting.open] == [sample[4].id]


def test_live_results_are_the_engine_over_the_counted_cases(framework):
    sample = cases(CS, 6, rosh_relevant=3)
    statuses = [CaseStatus.SUBMITTED, CaseStatus.QUERIED, CaseStatus.QUALITY_ASSURED] * 2
    statuses[5] = CaseStatus.DRAFT
    recorded = [RecordedCase(c, s) for c, s in zip(sample, statuses, strict=True)]
    answers = answer("2.1.1", sample, yes=4, no=2) + answer("2.2.3", sample[:3], yes=2, no=1)
    live, _ = rate_recorded(framework, recorded, answers)
    by_hand = rate(framework, answers[:5] + answers[6:], cases=sample[:5])
    assert live == by_hand


def test_the_same_person_in_two_samples_counts_in_each_by_its_own_status(framework):
    supervision = Case("P-1", CS, rosh_relevant=False)
    unpaid = Case("P-1", "unpaid_work", rosh_relevant=False)
    recorded = [
        RecordedCase(supervision, CaseStatus.SUBMITTED),
        RecordedCase(unpaid, CaseStatus.DRAFT),
    ]
    answers = [Answer("P-1", "2.1.1", YES), Answer("P-1", "4.1.1", NO)]
    result, _ = rate_recorded(framework, recorded, answers)
    assert result.key_question("2.1.1").yes == 1
    assert result.key_question("4.1.1").answered == 0


def test_an_answer_for_an_unknown_case_is_still_reported(framework):
    sample = cases(CS, 1)
    recorded = [RecordedCase(sample[0], CaseStatus.SUBMITTED)]
    with pytest.raises(RatingsInputError, match="unknown case 'ZZZ-9'"):
        rate_recorded(framework, recorded, [Answer("ZZZ-9", "2.1.1", YES)])
