"""Which of the framework's questions a case answers: the key questions (and their prompts) of
the standards rated from the case's sample; the relevant-sub-sample ones only when the case's RoSH
relevant flag is set."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sufficiency.framework import Framework
from sufficiency.framework.model import KeyQuestion, Prompt, Standard
from sufficiency.web.assessments.models import CaseAssessment, QuestionKind
from sufficiency.web.frameworks import services as framework_services


@dataclass(frozen=True)
class Question:
    """A prompt or key question a case may answer."""

    id: str
    kind: QuestionKind
    text: str
    key_question: KeyQuestion  # itself, or the prompt's key question
    standard: Standard

    @property
    def relevant_subsample_only(self) -> bool:
        return self.key_question.relevant_subsample_only


# (id of a parsed framework, sample type) → (that framework, its questions). Parsed frameworks
# are themselves cached and immutable; holding the framework keeps its id from being reused.
_CACHE: dict[tuple[int, str], tuple[Framework, dict[str, Question]]] = {}


def _by_sample(framework: Framework, sample_type: str) -> dict[str, Question]:
    cached = _CACHE.get((id(framework), sample_type))
    if cached is not None and cached[0] is framework:
        return cached[1]
    out: dict[str, Question] = {}
    for standard in framework.standards.values():
        if standard.sample != sample_type:
            continue
        for kq in standard.key_questions:
            prompts: tuple[Prompt, ...] = kq.prompts
            for prompt in prompts:
                out[prompt.id] = Question(prompt.id, QuestionKind.PROMPT, prompt.text, kq, standard)
            out[kq.id] = Question(kq.id, QuestionKind.KEY_QUESTION, kq.text, kq, standard)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[(id(framework), sample_type)] = (framework, out)
    return out


def framework_of_case(case: CaseAssessment) -> Framework:
    return framework_services.framework_of(case.inspection.framework)


def sample_questions(framework: Framework, sample_type: str) -> dict[str, Question]:
    """Every prompt and key question of the standards rated from a sample type, by id, in the
    framework's order (each key question's prompts before it)."""
    return _by_sample(framework, sample_type)


def applicable_questions(
    framework: Framework, sample_type: str, rosh_relevant: bool
) -> Iterator[Question]:
    """The questions a case of this sample answers, given its RoSH relevant flag."""
    for question in _by_sample(framework, sample_type).values():
        if rosh_relevant or not question.relevant_subsample_only:
            yield question


def required_questions(
    framework: Framework, sample_type: str, rosh_relevant: bool
) -> list[Question]:
    """What a case must answer before it is submitted: every applicable key question's
    judgement. (Prompts support the judgement and are recorded, but are not required.)"""
    return [
        q
        for q in applicable_questions(framework, sample_type, rosh_relevant)
        if q.kind == QuestionKind.KEY_QUESTION
    ]
