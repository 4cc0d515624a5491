from __future__ import annotations

from typing import Any

from django import forms

from sufficiency.web.core.forms import GovukFormMixin


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,  # a 6-digit code or a recovery code, with the spaces people type
        error_messages={"required": "Enter the code", "max_length": "Enter the code"},
    )

    def __init__(self, *args: Any, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.govuk_attrs()
