"""The report pages' forms (GOV.UK classes from core.forms). Narrative is plain text: paragraphs
split by blank lines, list items starting "- " or "1. "; never markup."""

from __future__ import annotations

from django import forms

from sufficiency.web.core.forms import GovukFormMixin
from sufficiency.web.reports.models import Resolution

PLAIN_TEXT = "Plain text: leave a blank line between paragraphs; start list items with '- '."


def _text(label: str, rows: int = 6, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=PLAIN_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class Versioned(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class OverallForm(Versioned):
    foreword = _text("Foreword")
    overall_findings = _text("Overall findings", rows=10)


class DomainForm(Versioned):
    summary = _text("Summary")
    strengths = _text("Strengths")
    areas_for_improvement = _text("Areas for improvement")


class StandardForm(Versioned):
    key_findings = _text("Key findings", rows=10)


class PracticeExampleForm(Versioned):
    case = forms.TypedChoiceField(label="Case flagged as a practice example", coerce=int)
    standard = forms.ChoiceField(label="Standard it illustrates")
    title = forms.CharField(label="Title", max_length=200)
    text = _text("The example (no case identifier or name)", required=True)


class RecommendationForm(Versioned):
    to = forms.CharField(label="To whom", max_length=200, help_text="e.g. the provider's name")
    what = forms.CharField(
        label="What they should do",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The words that follow '… should:'",
    )


class RemoveForm(Versioned):
    item = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(GovukFormMixin, forms.Form):
    paragraph = forms.ChoiceField(label="Paragraph")
    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 4}))


class ResolveForm(GovukFormMixin, forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    resolution = forms.ChoiceField(
        label="Decision",
        choices=[(Resolution.ACCEPTED, "Accept"), (Resolution.REJECTED, "Reject")],
    )
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}))


class ReissueForm(Versioned):
    reason = forms.CharField(
        label="Why reissue the published report?", widget=forms.Textarea(attrs={"rows": 3})
    )
