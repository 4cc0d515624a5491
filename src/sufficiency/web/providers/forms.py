from __future__ import annotations

from django import forms

from sufficiency.web.core.forms import GovukFormMixin
from sufficiency.web.providers.models import ProviderKind


class ProviderForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=255,
        error_messages={"required": "Enter the provider's name"},
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=ProviderKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of provider"},
    )
    ldus = forms.CharField(
        label="Local delivery units",
        required=False,
        help_text="One a line, named as the provider's caseload names them.",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def ldu_names(self) -> list[str]:
        text: str = self.cleaned_data.get("ldus") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
