"""Forms for multi-year plans and key work, and the overview's filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.documents import DocumentField, new_upload
from agencies.models import FilingOffice
from agencies.years import open_years

from ..oversight.forms import DOCUMENT_HELP
from ..uploads import OVERSIGHT_DOCUMENTS
from . import services
from .models import KEY_WORK_MAX_ITEMS, MultiYearPlan


class PlanForm(forms.ModelForm):
    file = DocumentField(policy=OVERSIGHT_DOCUMENTS, label=_("Document"), help_text=DOCUMENT_HELP)

    class Meta:
        model = MultiYearPlan
        fields = ["first_year", "last_year", "file"]
        help_texts = {"first_year": _("For a plan for 2026–2030: 2026 and 2030.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["file"].required = False
            self.fields["file"].help_text = _("Leave empty to keep “%(name)s”.") % {"name": self.instance.original_name}

    def clean_file(self):
        return new_upload(self.cleaned_data.get("file"))

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first is not None and last is not None:
            try:
                services.check_period(first, last)
            except forms.ValidationError as error:
                self.add_error("last_year", error)
        return cleaned


class KeyWorkForm(forms.Form):
    items = forms.CharField(
        label=_("Key work items"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One item a line, at most %(max)s.") % {"max": KEY_WORK_MAX_ITEMS},
    )

    def clean_items(self) -> list[str]:
        return services.clean_items(self.cleaned_data["items"].splitlines())


class PlanningStatusForm(forms.Form):
    """Who in scope has a multi-year plan covering the year and has filed its key work."""

    ALL_FILED, PLAN_MISSING, KEY_WORK_MISSING, ANY_MISSING = "filed", "no_plan", "no_key_work", "missing"

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Every agency")),
            (ANY_MISSING, _("Something not filed")),
            (PLAN_MISSING, _("No multi-year plan covers the year")),
            (KEY_WORK_MISSING, _("Key work not filed")),
            (ALL_FILED, _("Both filed")),
        ],
    )
    filing_office = forms.ModelChoiceField(
        label=_("Filing office"), queryset=FilingOffice.objects.all(), required=False
    )
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in open_years()]
        self.fields["year"].initial = this_year
        self.this_year = this_year

    def chosen_year(self) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or self.this_year
