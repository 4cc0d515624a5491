from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sufficiency.web.core.forms import GovukFormMixin


class FrameworkUploadForm(GovukFormMixin, forms.Form):
    upload_kind = "framework"
    file = forms.FileField(
        label="Upload a framework file",
        help_text="A YAML framework file in Sufficiency's format, up to 1 MB.",
        error_messages={"required": "Select a framework file"},
    )

    text = ""
    filename = ""

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > 1024 * 1024:
            raise forms.ValidationError("The selected file must be smaller than 1 MB")
        try:
            self.text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("The selected file must be UTF-8 text") from None
        self.filename = upload.name or "upload"
        return upload
