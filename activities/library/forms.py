"""Forms of the resource library and needs analysis, and what a library document may be.

What an upload really is, ``agencies.uploads`` decides from its content; here it is said what a document
may be (a PDF, a JPEG or PNG image, a Word, Excel or PowerPoint file) and how large (``DOCUMENTS``).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies import uploads
from agencies.documents import DocumentField, UploadPolicy, new_upload
from agencies.filters import TextSearch, YearFilter
from agencies.models import Law
from agencies.vocabulary import Audience
from agencies.years import open_years

from ..models import LibraryStatus, Material, NeedsAnalysis, ResourcePerson
from .selectors import with_audience

# A library document (material, needs-analysis attachment): a PDF, a JPEG or PNG image, a Word, Excel or
# PowerPoint file, up to 20 MB.
DOCUMENTS = UploadPolicy(kinds=(uploads.PDF, uploads.JPEG, uploads.PNG, *uploads.OFFICE), max_bytes=20 * uploads.MB)
MAX_DOCUMENT_BYTES = DOCUMENTS.max_bytes
inspect_document = DOCUMENTS.inspect
validate_document = DOCUMENTS.validate


def audience_choices_field(*, required: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Audiences"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=required
    )


class PersonForm(forms.ModelForm):
    class Meta:
        model = ResourcePerson
        fields = ["kind", "name", "unit", "field_of_law", "phone", "email", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("Give a phone number or an email address so agencies can reach them."))
        return cleaned


class MaterialForm(forms.ModelForm):
    audiences = audience_choices_field(required=False)
    file = DocumentField(
        policy=DOCUMENTS,
        label=_("File"),
        help_text=_("PDF, JPEG or PNG image, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx), at most 20 MB."),
    )

    class Meta:
        model = Material
        fields = ["title", "kind", "laws", "audiences", "description", "file"]
        widgets = {"laws": forms.SelectMultiple(attrs={"size": 8}), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["laws"].queryset = Law.objects.order_by("kind", "title")
        self.fields["laws"].required = False
        if self.instance.pk:
            # Editing keeps the file unless a new one is chosen.
            self.fields["file"].required = False
            self.fields["file"].help_text = _("Leave empty to keep “%(name)s”.") % {"name": self.instance.original_name}

    def clean_file(self):
        # An unchanged ModelForm file field hands back the stored file; only a new upload is an upload.
        return new_upload(self.cleaned_data.get("file"))


class NeedsAnalysisForm(forms.ModelForm):
    audiences = audience_choices_field(required=True)
    attachment = DocumentField(
        policy=DOCUMENTS,
        label=_("Attachment"),
        required=False,
        help_text=_("Optional: a survey or report. PDF, image, Word, Excel or PowerPoint, at most 20 MB."),
    )

    class Meta:
        model = NeedsAnalysis
        fields = ["year", "period", "audiences", "findings", "measures", "attachment"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 5}), "measures": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, agency, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            coerce=int,
            choices=[(y, y) for y in open_years()],  # a year not opened takes no filing
            initial=this_year,
        )

    def clean_attachment(self):
        return new_upload(self.cleaned_data.get("attachment"))

    def clean(self):
        cleaned = super().clean()
        year, period = cleaned.get("year"), cleaned.get("period")
        if year and period:
            clash = NeedsAnalysis.objects.filter(agency=self.agency, year=year, period=period)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("period", _("An analysis for this period is already recorded; edit that one."))
        return cleaned


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    """The bureau's answer to a proposal: accept it, or decline it with a reason."""

    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(ACCEPT, _("Accept into the library")), (DECLINE, _("Decline"))]
    )
    reason = forms.CharField(label=_("Reason for declining"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the proposal is declined."))
        return cleaned


# --- filters of the list pages ------------------------------------------------------------------------


class PersonFilter(TextSearch, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ResourcePerson.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LibraryStatus.choices)

    class Meta:
        model = ResourcePerson
        fields = ["q", "kind", "status"]

    search_lookups = ("name__icontains", "unit__icontains", "field_of_law__icontains")


class MaterialFilter(TextSearch, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Material.Kind.choices)
    audience = django_filters.ChoiceFilter(label=_("Audience"), choices=Audience.choices, method="by_audience")
    law = django_filters.ModelChoiceFilter(
        label=_("Law"), field_name="laws", queryset=Law.objects.order_by("kind", "title")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LibraryStatus.choices)

    class Meta:
        model = Material
        fields = ["q", "kind", "audience", "law", "status"]

    search_lookups = ("title__icontains", "description__icontains")

    def by_audience(self, queryset, name, value):
        return with_audience(queryset, value)


class NeedsFilter(TextSearch, django_filters.FilterSet):
    year = YearFilter(label=_("Year"))
    period = django_filters.ChoiceFilter(label=_("Period"), choices=NeedsAnalysis.Period.choices)
    audience = django_filters.ChoiceFilter(label=_("Audience"), choices=Audience.choices, method="by_audience")
    q = django_filters.CharFilter(label=_("Agency"), method="search")

    class Meta:
        model = NeedsAnalysis
        fields = ["year", "period", "audience", "q"]

    def by_audience(self, queryset, name, value):
        return with_audience(queryset, value)

    search_lookups = ("agency__name__icontains", "agency__short_name__icontains")
