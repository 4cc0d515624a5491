"""Answers → key question figures → calculated ratings → panel → overall rating.

The one place where the framework's ratings rules are applied. Rules that vary by framework
version (bands, scores, which questions use the relevant sub-sample) come from the framework.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sufficiency.framework import Framework, RatedBy, Rating, Standard
from sufficiency.ratings.model import (
    Answer,
    Case,
    Decision,
    InputProblem,
    Judgement,
    KeyQuestionResult,
    Overall,
    RatingsInputError,
    RatingsResult,
    StandardResult,
)
from sufficiency.ratings.statistics import crosses_threshold, whole_percent, wilson_interval

CaseKey = tuple[str, str]  # (case id, sample id): one person may be inspected in two samples


def infer_cases(framework: Framework, answers: Iterable[Answer]) -> list[Case]:
    """The inspected cases implied by a set of answers, where no case list is given.

    A case is in the sample of the key questions answered for it, and in the relevant sub-sample
    when any question it answers is calculated over that sub-sample.
    """
    rosh: dict[CaseKey, bool] = {}
    for answer in answers:
        question = framework.key_questions.get(answer.question_id)
        if question is None:
            continue  # rate() reports it
        sample = framework.standard_of[question.id].sample or ""
        key = (answer.case_id, sample)
        rosh[key] = rosh.get(key, False) or question.relevant_subsample_only
    return [Case(case_id, sample, relevant) for (case_id, sample), relevant in rosh.items()]


def rate(
    framework: Framework,
    answers: Sequence[Answer],
    decisions: Sequence[Decision] = (),
    cases: Sequence[Case] | None = None,
) -> RatingsResult:
    """Rate every standard of a framework from inspected cases' answers and recorded decisions.

    Raises RatingsInputError, listing every problem, rather than guess about bad input.
    """
    if cases is None:
        cases = infer_cases(framework, answers)
    problems = _check_cases(cases) + _check_answers(framework, cases, answers)
    problems += _check_decisions(framework, decisions)
    if problems:
        raise RatingsInputError(problems)

    key_questions = _key_question_results(framework, cases, answers)
    by_id = {q.id: q for q in key_questions}
    decided = {d.standard_id: d for d in decisions}
    standards = tuple(
        _standard_result(framework, standard, by_id, decided.get(standard.id))
        for standard in framework.standards.values()
    )
    return RatingsResult(key_questions, standards, _overall(framework, standards))


def _check_cases(cases: Sequence[Case]) -> list[InputProblem]:
    counts = Counter((c.id, c.sample) for c in cases)
    return [
        InputProblem(
            reason=f"case {case_id} is listed twice in the {sample} sample", field="case_id"
        )
        for (case_id, sample), n in counts.items()
        if n > 1
    ]


def _check_answers(
    framework: Framework, cases: Sequence[Case], answers: Sequence[Answer]
) -> list[InputProblem]:
    problems: list[InputProblem] = []
    by_key = {(c.id, c.sample): c for c in cases}
    samples_of: dict[str, list[str]] = defaultdict(list)
    for listed in cases:
        samples_of[listed.id].append(listed.sample)
    seen: set[tuple[str, str]] = set()
    for answer in answers:
        question = framework.key_questions.get(answer.question_id)
        if question is None:
            problems.append(
                InputProblem.at(
                    answer.origin,
                    f"unknown key question {answer.question_id!r}: framework {framework.id} has no "
                    "such key question",
                    "question_id",
                )
            )
            continue
        sample = framework.standard_of[question.id].sample or ""
        case = by_key.get((answer.case_id, sample))
        if case is None:
            if samples_of.get(answer.case_id):
                message = (
                    f"case {answer.case_id} is in the {', '.join(samples_of[answer.case_id])} "
                    f"sample, but key question {question.id} is asked of the {sample} sample"
                )
            else:
                message = f"unknown case {answer.case_id!r}: it is not in the inspected cases"
            problems.append(InputProblem.at(answer.origin, message, "case_id"))
            continue
        if question.relevant_subsample_only and not case.rosh_relevant:
            problems.append(
                InputProblem.at(
                    answer.origin,
                    f"key question {question.id} is asked only of the relevant sub-sample (cases "
                    f"where risk of serious harm issues apply), and case {case.id} is not in it",
                    "question_id",
                )
            )
        if (answer.case_id, question.id) in seen:
            problems.append(
                InputProblem.at(
                    answer.origin,
                    f"case {answer.case_id} has more than one answer to key question {question.id}",
                    "question_id",
                )
            )
        seen.add((answer.case_id, question.id))
    return problems


def _check_decisions(framework: Framework, decisions: Sequence[Decision]) -> list[InputProblem]:
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for decision in decisions:
        standard = framework.standards.get(decision.standard_id)
        if standard is None:
            problems.append(
                InputProblem.at(
                    decision.origin,
                    f"unknown standard {decision.standard_id!r}: framework {framework.id} has no such "
                    "standard",
                    "standard_id",
                )
            )
            continue
        if decision.standard_id in seen:
            problems.append(
                InputProblem.at(
                    decision.origin,
                    f"standard {decision.standard_id} has more than one decision",
                    "standard_id",
                )
            )
        seen.add(decision.standard_id)
        if standard.rated_by is RatedBy.CASE_DATA and not decision.reason.strip():
            problems.append(
                InputProblem.at(
                    decision.origin,
                    f"the ratings panel's decision on standard {standard.id} gives no reason; a panel "
                    "decision must record why it awards this rating",
                    "reason",
                )
            )
    return problems


def _key_question_results(
    framework: Framework, cases: Sequence[Case], answers: Sequence[Answer]
) -> tuple[KeyQuestionResult, ...]:
    counts: dict[str, Counter[Judgement]] = defaultdict(Counter)
    for answer in answers:
        counts[answer.question_id][answer.judgement] += 1
    cases_in_sample = Counter(c.sample for c in cases)
    rosh_in_sample = Counter(c.sample for c in cases if c.rosh_relevant)
    confidence = framework.ratings.interval_confidence
    results = []
    for question in framework.key_questions.values():
        sample = framework.standard_of[question.id].sample or ""
        asked = (rosh_in_sample if question.relevant_subsample_only else cases_in_sample)[sample]
        tally = counts[question.id]
        yes, no, na = tally[Judgement.YES], tally[Judgement.NO], tally[Judgement.NOT_APPLICABLE]
        percent = low = high = None
        if yes + no:
            percent = whole_percent(yes, yes + no)
            low, high = wilson_interval(yes, yes + no, confidence)
        results.append(
            KeyQuestionResult(
                id=question.id,
                yes=yes,
                no=no,
                not_applicable=na,
                unanswered=asked - (yes + no + na),
                percent=percent,
                ci_low=None if low is None else round(low, 1),
                ci_high=None if high is None else round(high, 1),
            )
        )
    return tuple(results)


def _standard_result(
    framework: Framework,
    standard: Standard,
    key_questions: dict[str, KeyQuestionResult],
    decision: Decision | None,
) -> StandardResult:
    reason = decision.reason.strip() or None if decision else None
    if standard.rated_by is RatedBy.JUDGEMENT:
        return StandardResult(
            id=standard.id,
            calculated_rating=None,
            driving_question=None,
            awarded_rating=decision.rating if decision else None,
            panel_adjusted=False,
            borderline=False,
            reason=reason,
        )
    figures = {q.id: key_questions[q.id] for q in standard.key_questions}
    percents = {qid: q.percent for qid, q in figures.items() if q.percent is not None}
    calculated = driving = None
    borderline = False
    if percents:
        calculated, driving = calculated_rating(framework, standard, percents)
        low, high = figures[driving].ci_low, figures[driving].ci_high
        assert low is not None and high is not None
        borderline = crosses_threshold(low, high, framework.ratings.thresholds)
    awarded = decision.rating if decision else calculated
    return StandardResult(
        id=standard.id,
        calculated_rating=calculated,
        driving_question=driving,
        awarded_rating=awarded,
        panel_adjusted=decision is not None and decision.rating != calculated,
        borderline=borderline,
        reason=reason,
    )


def calculated_rating(
    framework: Framework, standard: Standard, percents: Mapping[str, int]
) -> tuple[Rating, str]:
    """A case-data standard's calculated rating and the key question that drives it.

    The rating is the band of the lowest key question percentage (whole percents); of equal
    lowest figures the first in framework order drives. Key questions without a figure are
    left out; at least one must have one.
    """
    figures = [(percents[q.id], q.id) for q in standard.key_questions if q.id in percents]
    if not figures:
        raise ValueError(f"standard {standard.id} has no key question figures to rate from")
    lowest, driving = min(figures, key=lambda figure: figure[0])
    return framework.ratings.rating_for_percent(lowest), driving


def overall_rating(framework: Framework, awarded: Mapping[str, Rating | None]) -> Overall | None:
    """The overall score and rating from every standard's awarded rating.

    None until every standard of the framework has an awarded rating.
    """
    ratings = [awarded.get(standard_id) for standard_id in framework.standards]
    if any(rating is None for rating in ratings):
        return None
    score = sum(framework.ratings.scores[r] for r in ratings if r is not None)
    return Overall(score, framework.ratings.rating_for_score(score))


def _overall(framework: Framework, standards: Sequence[StandardResult]) -> Overall | None:
    return overall_rating(framework, {s.id: s.awarded_rating for s in standards})
