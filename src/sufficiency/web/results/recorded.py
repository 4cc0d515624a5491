"""An inspection's recorded cases, read once into the ratings core's plain values.

The one place that turns rows (case assessments, answers, sampled cases) into ``RecordedCase``,
``Answer``, ``PromptAnswer`` and group labels; every result here is computed from these by the
core, never by the web.
"""

from __future__ import annotations

from dataclasses import dataclass

from sufficiency.framework import Framework
from sufficiency.framework.model import CaseloadColumn
from sufficiency.ratings import Answer, Case, Judgement
from sufficiency.ratings.breakdowns import Grouping
from sufficiency.ratings.counting import CaseStatus, RecordedCase
from sufficiency.ratings.engine import CaseKey
from sufficiency.ratings.prompts import PromptAnswer
from sufficiency.web.assessments.models import Answer as AnswerRow
from sufficiency.web.assessments.models import CaseAssessment, QuestionKind
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.inspections.models import Inspection


@dataclass(frozen=True)
class Recorded:
    framework: Framework
    cases: tuple[RecordedCase, ...]
    answers: tuple[Answer, ...]  # key question judgements
    prompt_answers: tuple[PromptAnswer, ...]
    groups: dict[Grouping, dict[CaseKey, str]]  # each case's group label, per grouping
    order: dict[Grouping, tuple[str, ...]]  # the framework's order of a grouping's labels
    assessment_ids: dict[CaseKey, int]  # for links to a case
    inspectors: dict[CaseKey, str]  # each case's (first) inspector's username

    def key_of(self, answer: Answer) -> CaseKey:
        """The (case id, sample) a key question answer belongs to."""
        return (answer.case_id, self.framework.standard_of[answer.question_id].sample or "")


def framework_of(inspection: Inspection) -> Framework:
    return framework_services.framework_of(inspection.framework)


def _category_columns(framework: Framework) -> dict[Grouping, CaseloadColumn | None]:
    """The caseload columns the groupings read, by the column's name (none: values as they are).

    Their labels are the framework's words for each value ("low RoSH"), in its stratum order.
    """
    spec = framework.sampling.caseload if framework.sampling else None
    return {
        g: spec.column(g.value) if spec else None
        for g in (Grouping.GENDER, Grouping.DISPOSAL, Grouping.ROSH)
    }


def _yes_no(flag: bool | None) -> str:
    return "" if flag is None else ("Yes" if flag else "No")


def read(inspection: Inspection) -> Recorded:
    """Everything the results need from an inspection's recorded cases, in two queries (plain
    rows, not model instances: a 250-case inspection has some 5,000 answers)."""
    framework = framework_of(inspection)
    rows = (
        CaseAssessment.objects.filter(inspection=inspection)
        .order_by("sampled_case__sample__id", "sampled_case__order")
        .values_list(
            "pk",
            "sampled_case__case__case_id",
            "sampled_case__sample__sample_type",
            "rosh_relevant",
            "status",
            "sampled_case__ldu__name",
            "sampled_case__case__values",
            "ro_interviewed",
            "assigned_to__username",
        )
    )
    columns = _category_columns(framework)
    statuses = {s.value: s for s in CaseStatus}
    judgements = {j.value: j for j in Judgement}
    cases: list[RecordedCase] = []
    groups: dict[Grouping, dict[CaseKey, str]] = {g: {} for g in Grouping}
    ids: dict[int, CaseKey] = {}
    inspectors: dict[CaseKey, str] = {}
    for pk, case_id, sample, rosh, status, ldu, values, interviewed, inspector in rows:
        key = (case_id, sample)
        ids[pk] = key
        cases.append(RecordedCase(Case(case_id, sample, rosh), statuses[status]))
        groups[Grouping.LDU][key] = ldu
        for grouping, column in columns.items():
            value = (values or {}).get(grouping.value, "")
            groups[grouping][key] = column.display_name(value) if column and value else value
        groups[Grouping.INTERVIEWED][key] = _yes_no(interviewed)
        inspectors[key] = inspector or ""
    answers: list[Answer] = []
    prompts: list[PromptAnswer] = []
    stored = (
        AnswerRow.objects.filter(case__inspection=inspection)
        .exclude(judgement="")
        .values_list("case_id", "question_id", "kind", "judgement")
        .order_by("case_id", "question_id")
    )
    key_question = QuestionKind.KEY_QUESTION.value
    for case_pk, question_id, kind, judgement in stored:
        case_id = ids[case_pk][0]
        if kind == key_question:
            answers.append(Answer(case_id, question_id, judgements[judgement]))
        else:
            prompts.append(PromptAnswer(case_id, question_id, judgements[judgement]))
    return Recorded(
        framework=framework,
        cases=tuple(cases),
        answers=tuple(answers),
        prompt_answers=tuple(prompts),
        groups=groups,
        order={
            **{g: tuple(c.display_name(v) for v in c.allowed) for g, c in columns.items() if c},
            Grouping.INTERVIEWED: (_yes_no(True), _yes_no(False)),
        },
        assessment_ids={key: pk for pk, key in ids.items()},
        inspectors=inspectors,
    )
