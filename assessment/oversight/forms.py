"""Forms and list filters for plans and reports, joint meetings, inspections and rectifications.

Uploaded documents follow ``assessment.uploads.OVERSIGHT_DOCUMENTS``, checked by ``agencies.uploads``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.documents import MultipleDocumentField
from agencies.filters import TextSearch, YearFilter
from agencies.models import Agency, FilingOffice
from agencies.years import open_years

from ..followup import forms as followup
from ..models import AnnualFiling, Finding, Inspection, JointMeeting
from ..practice.models import GoodPractice
from ..uploads import OVERSIGHT_DOCUMENTS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DOCUMENT_HELP = followup.DOCUMENT_HELP


def _agency_choices():
    return Agency.objects.filter(is_active=True).order_by("level", "name")


class FilingForm(followup.DocumentForm):
    class Meta:
        model = AnnualFiling
        fields = ["head_responsible", "funding", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding"].min_value = 0
        self.fields["funding"].widget.attrs["min"] = 0

    def clean_funding(self):
        funding = self.cleaned_data.get("funding")
        if funding is not None and funding < 0:
            raise forms.ValidationError(_("The funding cannot be negative."))
        return funding


class FilingStatusForm(forms.Form):
    """Who in scope has filed the year's plan and report, and who has not. ``narrow`` applies it to agencies
    annotated with one flag per filing (``FILINGS``); ``assessment.planning`` asks the same of its two filings."""

    ALL_FILED, PLAN_MISSING, REPORT_MISSING, ANY_MISSING = "filed", "no_plan", "no_report", "missing"
    FILINGS = ("has_plan", "has_report")  # the annotations that say each filing is there
    SECOND_MISSING = REPORT_MISSING

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Every agency")),
            (ANY_MISSING, _("Something not filed")),
            (PLAN_MISSING, _("Plan not filed")),
            (REPORT_MISSING, _("Report not filed")),
            (ALL_FILED, _("Both filed")),
        ],
    )
    filing_office = forms.ModelChoiceField(
        label=_("Filing office"),
        queryset=FilingOffice.objects.all(),
        required=False,
    )
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in open_years()]  # the years the bureau has opened
        self.fields["year"].initial = this_year
        self.this_year = this_year

    def chosen_year(self) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or self.this_year

    def narrow(self, agencies):
        """The agencies this form asks for: by what they filed, their filing office and a word of their name."""
        if not self.is_valid():
            return agencies
        first, second = self.FILINGS
        status, office, query = (self.cleaned_data[k] for k in ("status", "filing_office", "q"))
        if status == self.PLAN_MISSING:
            agencies = agencies.filter(**{first: False})
        elif status == self.SECOND_MISSING:
            agencies = agencies.filter(**{second: False})
        elif status == self.ANY_MISSING:
            agencies = agencies.exclude(**{first: True, second: True})
        elif status == self.ALL_FILED:
            agencies = agencies.filter(**{first: True, second: True})
        if office:
            agencies = agencies.filter(filing_office=office)
        if query.strip():
            agencies = agencies.filter(Q(name__icontains=query.strip()) | Q(short_name__icontains=query.strip()))
        return agencies


class MeetingForm(forms.ModelForm):
    new_attachments = MultipleDocumentField(
        policy=OVERSIGHT_DOCUMENTS, label=_("Attachments"), required=False, help_text=DOCUMENT_HELP
    )

    class Meta:
        model = JointMeeting
        fields = [
            "held_on",
            "title",
            "place",
            "attendees",
            "agencies",
            "reporting_agencies",
            "minutes",
            "cited_practices",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "agencies": forms.SelectMultiple(attrs={"size": 10}),
            "reporting_agencies": forms.SelectMultiple(attrs={"size": 6}),
            "cited_practices": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "agencies": _("The agencies whose representatives took part; they see this meeting."),
            "reporting_agencies": _("Agencies that reported on their work at the meeting."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = _agency_choices()
        self.fields["reporting_agencies"].queryset = _agency_choices()
        self.fields["cited_practices"].queryset = GoodPractice.objects.listed()


class MeetingFilter(TextSearch, django_filters.FilterSet):
    year = YearFilter(label=_("Year"), field_name="held_on", lookup_expr="year")
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = JointMeeting
        fields = ["year", "q"]

    search_lookups = ("title__icontains", "minutes__icontains")


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["held_on", "kind", "title", "inspectors", "agencies", "summary"]
        widgets = {
            "held_on": DATE_INPUT,
            "agencies": forms.SelectMultiple(attrs={"size": 10}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = _agency_choices()


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["agency", "description", "requires_rectification", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "deadline": DATE_INPUT}

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        self.fields["agency"].queryset = inspection.agencies.order_by("level", "name")

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("deadline")
        if cleaned.get("requires_rectification"):
            if deadline is None:
                self.add_error("deadline", _("A rectification needs a deadline."))
            elif deadline < self.inspection.held_on:
                self.add_error("deadline", _("The deadline cannot be before the inspection."))
        else:
            cleaned["deadline"] = None
        return cleaned


class InspectionFilter(TextSearch, django_filters.FilterSet):
    year = YearFilter(label=_("Year"), field_name="held_on", lookup_expr="year")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Inspection.Kind.choices)
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Inspection
        fields = ["year", "kind", "q"]

    search_lookups = ("title__icontains", "agencies__name__icontains", "agencies__short_name__icontains")

    def search(self, queryset, name, value):
        # Through the agencies inspected, an inspection of two matching agencies would come twice.
        found = super().search(queryset, name, value)
        return found.distinct() if value.strip() else found


class RectificationFilter(TextSearch, django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[c for c in Finding.Status.choices if c[0] != Finding.Status.NONE]
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="only_overdue", widget=forms.CheckboxInput)
    year = YearFilter(label=_("Year"), field_name="inspection__held_on", lookup_expr="year")
    q = django_filters.CharFilter(label=_("Agency"), method="search")

    class Meta:
        model = Finding
        fields = ["status", "overdue", "year", "q"]

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Finding.overdue_q(timezone.localdate()))

    search_lookups = ("agency__name__icontains", "agency__short_name__icontains")


class AnswerForm(followup.AnswerForm):
    evidence = followup.evidence_field(_("Photos, documents or records showing the rectification."))


class RectificationDecisionForm(followup.DecisionForm):
    CLOSE = "accept"
    CLOSE_LABEL, REASON_REQUIRED = _("Accept the rectification"), _("Say why the rectification is sent back.")
    SAID = {
        "accept": _("The rectification was accepted."),
        "return": _("The rectification was sent back to the agency."),
    }
