from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies import access
from agencies.models import Agency, FilingOffice

from ..models import Campaign
from . import services

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _clean_dates(form: forms.Form, cleaned: dict) -> dict:
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start and end:
        try:
            services.validate_dates(start, end)
        except ValidationError as error:
            form.add_error(None, error)
    return cleaned


class CampaignForm(forms.ModelForm):
    """Announce a campaign: what, when, and which agencies (all, a type, an office's, or chosen ones)."""

    # Written out like ActivityForm.people: a multiple choice of its own rows, label and help; a shared field class
    # would save only the widget's size.
    chosen = forms.ModelMultipleChoiceField(
        label=_("Chosen agencies"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Only for “chosen agencies”; hold Ctrl to choose several."),
    )

    class Meta:
        model = Campaign
        fields = ["title", "start_date", "end_date", "asks", "scope", "agency_type", "filing_office"]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "asks": forms.Textarea(attrs={"rows": 4}),
            "scope": forms.RadioSelect,
        }
        help_texts = {
            "title": _("e.g. 2026年“12·4”国家宪法日集中宣传活动"),
            "asks": _("What each agency asked is to do, and how to log it."),
            "agency_type": _("Only for “agencies of a type”."),
            "filing_office": _("Only for “agencies filing with an office”."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = access.campaign_agencies(user)
        self.fields["chosen"].queryset = mine.order_by("name")
        self.fields["filing_office"].queryset = FilingOffice.objects.filter(
            pk__in=mine.values("filing_office_id")
        ).order_by("sort_order", "name")
        self.fields["agency_type"].choices = [("", "---------"), *Agency.Type.choices]

    def clean(self):
        return _clean_dates(self, super().clean())


class CampaignEditForm(forms.ModelForm):
    """Correct the theme, dates or request; who is asked stays as announced."""

    class Meta:
        model = Campaign
        fields = ["title", "start_date", "end_date", "asks"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET, "asks": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        return _clean_dates(self, super().clean())


class ParticipationFilter(forms.Form):
    took_part = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Every agency asked")), ("yes", _("Took part")), ("no", _("Not taken part yet"))],
    )

    def value(self) -> bool | None:
        if not self.is_valid():
            return None
        return {"yes": True, "no": False}.get(self.cleaned_data["took_part"])
