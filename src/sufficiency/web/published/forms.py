from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from sufficiency.web.core.forms import GovukFormMixin


class ReportUploadForm(GovukFormMixin, forms.Form):
    upload_kind = "published report"
    file = forms.FileField(
        label="Upload a published report",
        help_text="The inspection report as a PDF, or as text converted from the PDF.",
        error_messages={"required": "Select a report file", "empty": "The selected file is empty"},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit: int = settings.PUBLISHED_REPORT_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // (1024 * 1024)} MB"
            )
        name = (upload.name or "").lower()
        if not name.endswith((".pdf", ".txt", ".text")):
            raise forms.ValidationError("The selected file must be a PDF or a text file")
        return upload
