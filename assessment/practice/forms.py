"""The bureau's note when marking a good practice, and the list's filter."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.filters import YearFilter

from .models import GoodPractice


class MarkForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is a good practice"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A short note: what others can learn from it. It is shown on the public page."),
    )


class PracticeFilter(django_filters.FilterSet):
    year = YearFilter(label=_("Year marked"), field_name="marked_at", lookup_expr="year")
    source = django_filters.ChoiceFilter(label=_("Source"), choices=GoodPractice.Source.choices, method="of_source")
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = GoodPractice
        fields = ["year", "source", "q"]

    def of_source(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False}) if value else queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(note__icontains=value)
            | Q(activity__title__icontains=value)
            | Q(activity__agency__name__icontains=value)
            | Q(report__agency__name__icontains=value)
            | Q(meeting__title__icontains=value)
        )
