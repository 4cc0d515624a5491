"""The case assessment form: its fields, read from a posted page (every field) or from the page's
script (only the fields changed), turned into the ``CaseChanges`` that ``save_case`` takes.

Field names: ``answer-<question id>`` (yes, no, n/a; empty clears it), ``note-<key question id>``,
``rosh_relevant`` (1 or 0), ``ro_interviewed`` (yes, no or empty), ``practice_example`` (1 or 0),
``practice_example_text``; ``version`` is the case version the page was made from. A field that
already holds the stored value is left out, so a save names only what it changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict

from sufficiency.web.assessments.answers import UNCHANGED, AnswerChange, CaseChanges
from sufficiency.web.assessments.models import JUDGEMENTS, CaseAssessment, QuestionKind
from sufficiency.web.assessments.questions import Question
from sufficiency.web.core.forms import GovukFormMixin

JUDGEMENT_WORDS = dict(JUDGEMENTS)  # the ratings engine's judgements, in words
_FLAG = {"1": True, "0": False, "on": True, "true": True, "false": False}
_RO = {"yes": True, "no": False, "": None}


def html_id(question_id: str) -> str:
    """The question's fieldset id on the page (``2.1.1`` → ``q-2-1-1``)."""
    return "q-" + question_id.replace(".", "-")


@dataclass
class ReadChanges:
    """What a posted case form changes, and whether it clears the RoSH relevant flag, which
    removes the relevant-sub-sample answers and so waits for the inspector's confirmation."""

    changes: CaseChanges
    clears_rosh: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        c = self.changes
        return (
            not c.answers
            and all(
                v is None for v in (c.rosh_relevant, c.practice_example, c.practice_example_text)
            )
            and c.ro_interviewed is UNCHANGED
        )


def read_case_form(
    post: QueryDict,
    case: CaseAssessment,
    questions: Mapping[str, Question],
    *,
    partial: bool,
    confirm_rosh: bool,
) -> ReadChanges:
    """The changes a post makes to ``case`` (as stored now). ``partial``: only the fields posted
    change (the page's script); otherwise every field of the page is posted (the Save button)."""
    stored = {a.question_id: a for a in case.answers.all()}
    problems: list[tuple[str, str]] = []

    def posted(name: str, default: str | None) -> str | None:
        if name in post:
            value = str(post.get(name, ""))
            return value if name == "practice_example_text" else value.strip()
        return None if partial else default

    rosh_text = posted("rosh_relevant", "0")
    rosh = case.rosh_relevant if rosh_text is None else _FLAG.get(rosh_text.lower())
    if rosh is None:
        problems.append(("rosh_relevant", "the RoSH relevant flag is 1 or 0"))
        rosh = case.rosh_relevant
    clears_rosh = case.rosh_relevant and not rosh
    relevant_stored = [q for q in stored if q in questions and questions[q].relevant_subsample_only]
    waiting = clears_rosh and bool(relevant_stored) and not confirm_rosh
    effective_rosh = case.rosh_relevant if waiting else rosh

    answers: dict[str, AnswerChange] = {}
    for qid, question in questions.items():
        if question.relevant_subsample_only and not effective_rosh:
            continue  # not asked of this case; stored ones go when the flag is cleared
        judgement = posted(f"answer-{qid}", "")
        note = posted(f"note-{qid}", "") if question.kind == QuestionKind.KEY_QUESTION else None
        before = stored.get(qid)
        old_judgement = before.judgement if before else ""
        old_note = before.note if before else ""
        new_judgement = old_judgement if judgement is None else judgement
        new_note = old_note if note is None else note
        if (new_judgement, new_note) != (old_judgement, old_note):
            answers[qid] = AnswerChange(
                new_judgement or None, new_note if note is not None else None
            )
    for name in post:
        if name.startswith(("answer-", "note-")) and name.split("-", 1)[1] not in questions:
            problems.append((name, f"{name.split('-', 1)[1]!r} is not a question of this case"))

    ro_text = posted("ro_interviewed", "")
    ro: object = UNCHANGED
    if ro_text is not None:
        if ro_text.lower() not in _RO:
            problems.append(("ro_interviewed", "answer yes or no"))
        elif _RO[ro_text.lower()] != case.ro_interviewed:
            ro = _RO[ro_text.lower()]
    example_text = posted("practice_example", "0")
    example = None if example_text is None else _FLAG.get(example_text.lower(), False)
    text = posted("practice_example_text", "")
    changes = CaseChanges(
        answers=answers,
        rosh_relevant=None if waiting or rosh == case.rosh_relevant else rosh,
        ro_interviewed=ro,
        practice_example=None if example == case.practice_example else example,
        practice_example_text=None if text == case.practice_example_text else text,
    )
    return ReadChanges(changes, clears_rosh=waiting, problems=problems)


class QueryForm(GovukFormMixin, forms.Form):
    question_id = forms.ChoiceField(label="What is the query about?", required=False)
    text = forms.CharField(
        label="Query",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the query"},
    )

    def __init__(self, *args: object, questions: Mapping[str, Question], **kw: object):
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        choices = [("", "The whole case")] + [
            (qid, f"{qid} {q.text[:90]}") for qid, q in questions.items()
        ]
        self.fields["question_id"].choices = choices  # type: ignore[attr-defined]


class ReplyForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Your reply",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your reply"},
    )
    change_to = forms.ChoiceField(
        label="Change the answer to",
        required=False,
        choices=[("", "Leave it as it is"), *JUDGEMENT_WORDS.items()],
        widget=forms.RadioSelect,
    )
