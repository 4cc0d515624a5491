"""The 2018/19 framework Sufficiency ships matches the published reference, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sufficiency.framework import Denominator, Framework, RatedBy, Rating, load_framework


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("hmip-probation-2018")


def reference_key_questions(shared_dir: Path) -> dict[str, tuple[str, str]]:
    """Key question id → (exact wording, denominator) from the reference's table."""
    text = (shared_dir / "framework" / "hmip-probation-2018.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\.\d\.\d) \| (.+?) \| (.+?) \|$", text, flags=re.MULTILINE)
    return {qid: (wording, denominator) for qid, wording, denominator in rows}


def test_every_key_question_has_the_exact_published_wording(framework, shared_dir):
    reference = reference_key_questions(shared_dir)
    assert len(reference) == 19
    assert {qid: q.text for qid, q in framework.key_questions.items()} == {
        qid: wording for qid, (wording, _) in reference.items()
    }


def test_rosh_questions_are_calculated_over_the_relevant_subsample(framework, shared_dir):
    reference = reference_key_questions(shared_dir)
    rosh = {qid for qid, (_, denominator) in reference.items() if denominator == "RoSH"}
    assert rosh == {"2.2.3", "2.3.3", "2.4.3"}
    assert {
        qid for qid, q in framework.key_questions.items() if q.denominator is Denominator.ROSH
    } == rosh


def test_domain_one_is_rated_by_judgement_and_the_rest_from_case_data(framework):
    judged = {s.id for s in framework.standards.values() if s.rated_by is RatedBy.JUDGEMENT}
    assert judged == {"1.1", "1.2", "1.3", "1.4"}
    assert len(framework.standards) == 10
    samples = {s.id: s.sample for s in framework.standards.values() if s.sample}
    assert samples["2.1"] == samples["2.4"] == "case_supervision"
    assert samples["4.1"] == "unpaid_work"
    assert samples["4.2"] == "through_the_gate"


def test_standard_statements_match_the_reference(framework, shared_dir):
    text = (shared_dir / "framework" / "hmip-probation-2018.md").read_text(encoding="utf-8")
    for standard in framework.standards.values():
        assert f"{standard.id} {standard.name} | {standard.statement} |" in text


@pytest.mark.parametrize(
    ("percent", "rating"),
    [
        (100, Rating.OUTSTANDING),
        (80, Rating.OUTSTANDING),
        (79, Rating.GOOD),
        (65, Rating.GOOD),
        (64, Rating.REQUIRES_IMPROVEMENT),
        (50, Rating.REQUIRES_IMPROVEMENT),
        (49, Rating.INADEQUATE),
        (0, Rating.INADEQUATE),
    ],
)
def test_key_question_bands_are_80_65_50(framework, percent, rating):
    assert framework.ratings.rating_for_percent(percent) is rating


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (0, Rating.INADEQUATE),
        (5, Rating.INADEQUATE),
        (6, Rating.REQUIRES_IMPROVEMENT),
        (15, Rating.REQUIRES_IMPROVEMENT),
        (16, Rating.GOOD),
        (25, Rating.GOOD),
        (26, Rating.OUTSTANDING),
        (30, Rating.OUTSTANDING),
    ],
)
def test_overall_bands(framework, score, rating):
    assert framework.ratings.rating_for_score(score) is rating


def test_published_prompts_are_data_under_their_key_questions(framework):
    prompts = {qid: len(q.prompts) for qid, q in framework.key_questions.items() if q.prompts}
    assert prompts["2.1.1"] == 3
    assert prompts["2.2.1"] == 4
    assert {"2.2.2", "2.2.3", "2.3.2", "2.4.1", "2.4.2"} <= set(prompts)
    assert all(
        p.id.startswith(q.id + ".") for q in framework.key_questions.values() for p in q.prompts
    )
