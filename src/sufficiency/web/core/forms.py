"""GOV.UK Design System classes and ARIA wiring for plain Django forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Input

_WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.FileInput, "govuk-file-upload"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (Input, "govuk-input"),
)


class GovukFormMixin(forms.BaseForm):
    """Give each widget its GOV.UK class, error modifier and ``aria-describedby``.

    Done after validation, and again by a view that adds an error itself (``govuk_attrs``).
    Templates render fields with ``includes/field.html``.

    An error on a file field that was given a file (the form's own validation, or a view's
    ``add_error`` when the file cannot be read) is a refused upload: it is audited here, once per
    form, so that no upload view records refusals by hand. ``upload_kind`` names the upload.
    """

    upload_kind = "file"
    _refusal_recorded = False

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if self._refusal_recorded or field is None or field not in self.fields:
            return
        upload = self.files.get(field) if isinstance(self.fields[field], forms.FileField) else None
        if upload is not None:
            from sufficiency.web.audit.services import current_actor, record_refused_upload

            self._refusal_recorded = True
            reason = " ".join(str(message) for message in self.errors.get(field, []))
            record_refused_upload(current_actor(), upload.name or "", reason, kind=self.upload_kind)

    def full_clean(self) -> None:
        super().full_clean()
        self.govuk_attrs()

    def govuk_attrs(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            base = next((css for kind, css in _WIDGET_CLASSES if isinstance(widget, kind)), "")
            classes = [base] if base else []
            described = []
            if field.help_text:
                described.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                classes.append(f"{base}--error")
                described.append(f"id_{name}-error")
            if classes:
                widget.attrs["class"] = " ".join(classes)
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
            else:
                widget.attrs.pop("aria-describedby", None)
