"""The results pages' forms (GOV.UK classes from core.forms)."""

from __future__ import annotations

from typing import Any

from django import forms

from sufficiency.framework import Rating
from sufficiency.ratings.breakdowns import Grouping
from sufficiency.web.core.forms import GovukFormMixin
from sufficiency.web.results.models import EvidenceKind, Grounds

RATINGS = [("", "Choose a rating"), *((r.value, r.value) for r in Rating)]
ANSWERS = [("", "Not answered"), ("yes", "Yes"), ("no", "No"), ("n/a", "Not applicable")]


class BreakdownForm(GovukFormMixin, forms.Form):
    by = forms.ChoiceField(
        label="Break the figures down by", choices=[(g.value, g.label) for g in Grouping]
    )


class DecisionForm(GovukFormMixin, forms.Form):
    rating = forms.ChoiceField(label="Awarded rating", choices=RATINGS)
    grounds = forms.ChoiceField(
        label="Grounds",
        required=False,
        choices=[("", "None: the calculated rating is awarded"), *Grounds.choices],
        help_text="Needed only when the awarded rating differs from the calculated one.",
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The report's footnote where the rating differs from the calculated one.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, judgement: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if judgement:  # domain one: the inspectors' judgement and its rationale
            del self.fields["grounds"]
            self.fields["rating"].label = "Judgement"
            self.fields["reason"].label = "Rationale"
            self.fields["reason"].help_text = "The evidence the judgement rests on."


class SignOffForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why reopen the signed-off ratings?", widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceForm(GovukFormMixin, forms.Form):
    standard_id = forms.ChoiceField(label="Standard")
    kind = forms.ChoiceField(label="Kind of evidence", choices=EvidenceKind.choices)
    date = forms.DateField(
        label="Date",
        help_text="For example, 2019-12-01",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    text = forms.CharField(label="What it shows", widget=forms.Textarea(attrs={"rows": 4}))
    key_questions = forms.MultipleChoiceField(
        label="Key questions it bears on",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        standards: list[tuple[str, str]],
        questions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard_id"].choices = standards  # type: ignore[attr-defined]
        if questions:
            self.fields["key_questions"].choices = questions  # type: ignore[attr-defined]
        else:
            del self.fields["key_questions"]


class DoubleMarkForm(GovukFormMixin, forms.Form):
    case = forms.ChoiceField(label="Submitted case")
    inspector = forms.ChoiceField(label="Second marker")

    def __init__(
        self,
        *args: Any,
        cases: list[tuple[str, str]],
        inspectors: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = cases  # type: ignore[attr-defined]
        self.fields["inspector"].choices = inspectors  # type: ignore[attr-defined]


class SecondMarkingForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, questions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for qid, text in questions:
            self.fields[qid] = forms.ChoiceField(
                label=f"{qid} {text}", choices=ANSWERS, required=False
            )
