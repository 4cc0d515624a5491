"""The engine reproduces the ratings of two published inspection reports.

Each report gives its key question percentages and sample sizes; these tests build yes/no answers
that give the same percentages, record the inspectors' judgements for domain one and the ratings
panel's decisions, and check every calculated and awarded rating and the overall rating.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspection_builders import answer, cases
from sufficiency.framework import Framework, RatedBy, Rating
from sufficiency.ratings import Decision, RatingsResult, rate, whole_percent

REPORTS = {
    "dorset-devon-cornwall-crc-2019": 5,  # published overall score
    "essex-crc-2018": 14,
}
SAMPLE_KEYS = {"case_supervision", "unpaid_work", "through_the_gate"}
ROSH_SUBSAMPLE = 70  # an invented size for the relevant sub-sample of the case supervision sample


def yes_count(percent: int, answered: int) -> int | None:
    """A yes count out of `answered` that the inspectorate would publish as `percent`."""
    return next((k for k in range(answered + 1) if whole_percent(k, answered) == percent), None)


def figures(percent: int, answered: int) -> tuple[int, int]:
    """(yes, answered): the published sample size, or the nearest smaller one that gives the
    published whole percent (not every percent can come from every sample size)."""
    for n in range(answered, 0, -1):
        k = yes_count(percent, n)
        if k is not None:
            return k, n
    raise AssertionError(f"no sample size up to {answered} gives {percent}%")


def rate_report(framework: Framework, expected: dict) -> RatingsResult:
    sizes = expected["samples"]
    assert set(sizes) == SAMPLE_KEYS
    inspected = {
        sample: cases(
            sample, size, rosh_relevant=ROSH_SUBSAMPLE if sample == "case_supervision" else 0
        )
        for sample, size in sizes.items()
    }
    answers = []
    for kq in expected["key_questions"]:
        question = framework.key_questions[kq["id"]]
        assert question.relevant_subsample_only == kq["relevant_subsample_only"]
        sample = inspected[framework.standard_of[kq["id"]].sample]
        asked = [c for c in sample if c.rosh_relevant or not question.relevant_subsample_only]
        yes, answered = figures(kq["percent_yes"], len(asked))
        # Cases the question did not apply to are answered not applicable.
        answers += answer(kq["id"], asked, yes, answered - yes, na=len(asked) - answered)

    awarded = {s["id"]: Rating(s["rating"]) for s in expected["standards"]}
    decisions = [
        Decision(sid, rating, "Inspectors' judgement against the ratings characteristics.")
        for sid, rating in awarded.items()
        if framework.standards[sid].rated_by is RatedBy.JUDGEMENT
    ] + [
        Decision(
            adj["standard"],
            Rating(adj["awarded"]),
            "Borderline: the ratings panel judged the calculation marginal.",
        )
        for adj in expected["panel_adjustments"]
    ]
    all_cases = [c for sample in inspected.values() for c in sample]
    return rate(framework, answers, decisions, cases=all_cases)


@pytest.fixture(params=sorted(REPORTS))
def report(request, shared_dir: Path) -> tuple[str, dict]:
    path = shared_dir / "published" / f"{request.param}.expected.json"
    return request.param, json.loads(path.read_text(encoding="utf-8"))


def test_key_question_percentages_are_reproduced(framework, report):
    _, expected = report
    result = rate_report(framework, expected)
    assert {q.id: q.percent for q in result.key_questions} == {
        kq["id"]: kq["percent_yes"] for kq in expected["key_questions"]
    }
    assert all(q.unanswered == 0 for q in result.key_questions)


def test_every_calculated_rating_follows_the_lowest_key_question(framework, report):
    _, expected = report
    result = rate_report(framework, expected)
    adjusted = {a["standard"]: a for a in expected["panel_adjustments"]}
    for published in expected["standards"]:
        standard = result.standard(published["id"])
        if framework.standards[published["id"]].rated_by is RatedBy.JUDGEMENT:
            assert standard.calculated_rating is None
        elif published["id"] in adjusted:
            assert standard.calculated_rating == adjusted[published["id"]]["calculated"]
        else:
            assert standard.calculated_rating == published["rating"], published["id"]
        assert standard.awarded_rating == published["rating"], published["id"]


def test_panel_adjustments_are_exactly_the_published_ones(framework, report):
    _, expected = report
    result = rate_report(framework, expected)
    adjusted = [
        {"standard": s.id, "calculated": s.calculated_rating, "awarded": s.awarded_rating}
        for s in result.standards
        if s.panel_adjusted
    ]
    assert adjusted == expected["panel_adjustments"]


def test_essex_panel_uplifted_reviewing_and_through_the_gate_from_inadequate(framework, shared_dir):
    expected = json.loads(
        (shared_dir / "published" / "essex-crc-2018.expected.json").read_text(encoding="utf-8")
    )
    result = rate_report(framework, expected)
    for sid, driving, percent in (("2.4", "2.4.3", 49), ("4.2", "4.2.1", 47)):
        standard = result.standard(sid)
        assert standard.calculated_rating is Rating.INADEQUATE
        assert standard.awarded_rating is Rating.REQUIRES_IMPROVEMENT
        assert standard.driving_question == driving
        assert result.key_question(driving).percent == percent
        assert standard.reason
        assert standard.borderline  # small samples: the interval crosses 50%


def test_overall_rating_and_score(framework, report):
    name, expected = report
    overall = rate_report(framework, expected).overall
    assert overall is not None
    assert overall.score == REPORTS[name]
    assert overall.rating == expected["overall_rating"]
