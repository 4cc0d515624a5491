"""Prompt results: the share of yes per prompt, beside its key question."""

from __future__ import annotations

import pytest

from inspection_builders import NA, NO, YES
from sufficiency.ratings import Answer, Case, RatingsInputError
from sufficiency.ratings.counting import CaseStatus, RecordedCase, count_cases
from sufficiency.ratings.prompts import PromptAnswer, prompt_results


def answers_to(prompt: str, *judgements) -> list[PromptAnswer]:
    return [PromptAnswer(f"CS-{i:03d}", prompt, j) for i, j in enumerate(judgements)]


def test_a_prompts_share_is_yes_over_yes_and_no(framework):
    # "in almost nine out of ten cases": 17 of 19 answered, one not applicable
    results = prompt_results(framework, answers_to("2.1.1.a", *[YES] * 17, *[NO] * 2, NA))
    prompt = next(p for p in results if p.id == "2.1.1.a")
    assert (prompt.yes, prompt.no, prompt.not_applicable, prompt.percent) == (17, 2, 1, 89)


def test_every_prompt_is_listed_beside_its_key_question_in_framework_order(framework):
    results = prompt_results(framework, [])
    expected = [(p.id, q.id) for q in framework.key_questions.values() for p in q.prompts]
    assert [(p.id, p.key_question_id) for p in results] == expected
    assert results[0].id == "2.1.1.a" and results[0].key_question_id == "2.1.1"


def test_a_prompt_nobody_answered_yes_or_no_has_no_share(framework):
    results = prompt_results(framework, answers_to("2.1.1.b", NA, NA))
    prompt = next(p for p in results if p.id == "2.1.1.b")
    assert prompt.percent is None and prompt.not_applicable == 2


def test_halves_round_up_as_for_key_questions(framework):
    results = prompt_results(
        framework, answers_to("2.2.1.a", YES, NO, YES, NO, YES, NO, YES, NO, YES)
    )
    assert next(p for p in results if p.id == "2.2.1.a").percent == 56  # 5 of 9 = 55.6


def test_an_unknown_prompt_and_a_second_answer_are_each_reported(framework):
    bad = [
        PromptAnswer("CS-001", "2.1.1.z", YES),
        PromptAnswer("CS-001", "2.1.1.a", YES),
        PromptAnswer("CS-001", "2.1.1.a", NO),
    ]
    with pytest.raises(RatingsInputError) as caught:
        prompt_results(framework, bad)
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2
    assert "unknown prompt '2.1.1.z'" in messages[0]
    assert "more than one answer to prompt 2.1.1.a" in messages[1]


def test_only_counted_cases_prompt_answers_are_taken(framework):
    submitted = Case("CS-000", "case_supervision", rosh_relevant=False)
    draft = Case("CS-001", "case_supervision", rosh_relevant=False)
    counting = count_cases(
        [RecordedCase(submitted, CaseStatus.SUBMITTED), RecordedCase(draft, CaseStatus.DRAFT)]
    )
    kept = counting.prompt_answers_of_counted(framework, answers_to("2.1.1.a", YES, NO))
    prompt = next(p for p in prompt_results(framework, kept) if p.id == "2.1.1.a")
    assert (prompt.yes, prompt.no) == (1, 0)
    assert counting.answers_of_counted(framework, [Answer("CS-001", "2.1.1", NO)]) == []
