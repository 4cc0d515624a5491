"""The inspection pages' forms, and how a service's refusal is shown on one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from sufficiency.web.core.forms import GovukFormMixin
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.inspections.caseload_reader import CASELOAD_MAX_BYTES
from sufficiency.web.inspections.errors import Problems
from sufficiency.web.inspections.models import InspectionKind
from sufficiency.web.inspections.sampling import SEED_LIMIT
from sufficiency.web.providers.models import Provider


def show_problems(
    form: GovukFormMixin, exc: Problems, fields: dict[str, str] | None = None
) -> None:
    """Put each of a service's problems on the form: on the field it names (``fields`` maps a
    problem's field to the form's, where they differ), else above the form."""
    names = fields or {}
    for problem in exc.problems:
        name = names.get(problem.field or "", problem.field or "")
        message = problem.message[:1].upper() + problem.message[1:]
        form.add_error(name if name in form.fields else None, message)
    if not exc.problems:
        form.add_error(None, exc.message[:1].upper() + exc.message[1:])
    form.govuk_attrs()


def _people(permission: str) -> QuerySet[User]:
    app, codename = permission.split(".", 1)
    return (
        User.objects.filter(is_active=True)
        .filter(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app,
        )
        .distinct()
        .order_by("username")
    )


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        full = user.get_full_name()
        return f"{full} ({user.get_username()})" if full else user.get_username()


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return PersonChoice.label_from_instance(self, obj)  # type: ignore[arg-type]


class InspectionForm(GovukFormMixin, forms.Form):
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.all(),
        empty_label="Choose a provider",
        error_messages={"required": "Choose the provider"},
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=InspectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an HMIP inspection or a self-audit"},
    )
    framework = forms.ModelChoiceField(
        label="Framework version",
        queryset=framework_services.versions(),
        empty_label="Choose a framework version",
        help_text="It can change in planning, and is fixed once fieldwork starts.",
        error_messages={"required": "Choose the framework version"},
    )
    reference_date = forms.DateField(
        label="Reference date",
        help_text="The date the sample windows count back from, for example 2020-01-06.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the reference date",
            "invalid": "Enter the reference date as a real date, for example 2020-01-06",
        },
    )
    fieldwork_start = forms.DateField(
        label="Fieldwork starts (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start of fieldwork as a real date"},
    )
    fieldwork_end = forms.DateField(
        label="Fieldwork ends (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end of fieldwork as a real date"},
    )
    lead = PersonChoice(
        label="Lead inspector",
        queryset=_people("assessments.moderate_case"),
        empty_label="Choose the lead",
        error_messages={"required": "Choose the lead inspector"},
    )
    inspectors = PeopleChoice(
        label="Inspectors",
        queryset=_people("assessments.assess_case"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, providers: QuerySet[Provider] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        if providers is not None:
            self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        # Querysets are evaluated per form, so new people and versions show without a restart.
        self.fields["lead"].queryset = _people("assessments.moderate_case")  # type: ignore[attr-defined]
        self.fields["inspectors"].queryset = _people("assessments.assess_case")  # type: ignore[attr-defined]
        self.fields["framework"].queryset = framework_services.versions()  # type: ignore[attr-defined]


class TeamForm(GovukFormMixin, forms.Form):
    lead = InspectionForm.base_fields["lead"]
    inspectors = InspectionForm.base_fields["inspectors"]

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["lead"].queryset = _people("assessments.moderate_case")  # type: ignore[attr-defined]
        self.fields["inspectors"].queryset = _people("assessments.assess_case")  # type: ignore[attr-defined]


class CaseloadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload the caseload",
        help_text="The provider's caseload extract as CSV or an Excel workbook (.xlsx).",
        error_messages={
            "required": "Select a caseload file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > CASELOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {CASELOAD_MAX_BYTES // (1024 * 1024)} MB"
            )
        if not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or .xlsx file")
        return upload


class LduForm(GovukFormMixin, forms.Form):
    ldus = forms.MultipleChoiceField(
        label="Local delivery units",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one local delivery unit"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["ldus"].choices = choices  # type: ignore[attr-defined]


class DrawForm(GovukFormMixin, forms.Form):
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        max_value=SEED_LIMIT - 1,
        help_text="Leave empty for a fresh random seed. Either way it is recorded, so the same "
        "caseload and seed draw the same cases.",
        error_messages={
            "invalid": "Enter the seed as a whole number",
            "min_value": f"Enter a seed from 0 to {SEED_LIMIT - 1}",
            "max_value": f"Enter a seed from 0 to {SEED_LIMIT - 1}",
        },
    )


class ReplaceForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why can this case not be inspected?",
        help_text="For example: in custody, transferred out, died.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason the case is replaced"},
    )


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason"},
    )
