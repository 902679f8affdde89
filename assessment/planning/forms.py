"""Forms for multi-year plans and key work, and the overview's filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..followup.forms import DocumentForm
from ..oversight.forms import FilingStatusForm
from . import services
from .models import KEY_WORK_MAX_ITEMS, MultiYearPlan


class PlanForm(DocumentForm):
    class Meta:
        model = MultiYearPlan
        fields = ["first_year", "last_year", "file"]
        help_texts = {"first_year": _("For a plan for 2026–2030: 2026 and 2030.")}

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


class PlanningStatusForm(FilingStatusForm):
    """Who in scope has a multi-year plan covering the year and has filed its key work: the filing overview's
    form (``narrow`` included) over these two filings."""

    KEY_WORK_MISSING = SECOND_MISSING = "no_key_work"  # the second filing: the year's key work
    FILINGS = ("has_plan", "has_key_work")

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Every agency")),
            (FilingStatusForm.ANY_MISSING, _("Something not filed")),
            (FilingStatusForm.PLAN_MISSING, _("No multi-year plan covers the year")),
            (KEY_WORK_MISSING, _("Key work not filed")),
            (FilingStatusForm.ALL_FILED, _("Both filed")),
        ],
    )
