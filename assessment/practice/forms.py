"""The bureau's note when marking a good practice, and the list's filter."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.filters import TextSearch, YearFilter

from .models import GoodPractice


class MarkForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is a good practice"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A short note: what others can learn from it. It is shown on the public page."),
    )


class PracticeFilter(TextSearch, django_filters.FilterSet):
    year = YearFilter(label=_("Year marked"), field_name="marked_at", lookup_expr="year")
    source = django_filters.ChoiceFilter(label=_("Source"), choices=GoodPractice.Source.choices, method="of_source")
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = GoodPractice
        fields = ["year", "source", "q"]

    def of_source(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False}) if value else queryset

    search_lookups = (
        "note__icontains",
        "activity__title__icontains",
        "activity__agency__name__icontains",
        "report__agency__name__icontains",
        "meeting__title__icontains",
    )
