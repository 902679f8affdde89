import operator
from functools import reduce
from typing import ClassVar

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import years
from .models import Agency, FilingOffice, Law


class RefusedQuery(BadRequest):
    """A query string a list cannot answer: 400, with a message the 400 page shows (puffa.views.bad_request)."""


class YearField(forms.IntegerField):
    """A whole number inside the one range of years (``agencies.years``: 2016 to next year). A number outside it
    (0, -1, twenty digits) is a mistyped or hand-made address, and the database would fail on it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("The year must be a whole number.")})
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and not years.in_range(value):
            raise forms.ValidationError(
                format_lazy(
                    _("The year must be a whole number from {first} to {last}."),
                    first=years.FIRST_YEAR,
                    last=years.last_year(),
                ),
                code="out_of_range",
            )


class YearFilter(django_filters.NumberFilter):
    """A year in a list's query string, inside the one range of years (``YearField``)."""

    field_class = YearField


class TextSearch:
    """The search box of a list's filter set (``q = CharFilter(..., method="search")``): the text typed, trimmed,
    found in any of ``search_lookups`` (each a lookup such as ``"name__icontains"``); an empty box filters nothing."""

    search_lookups: ClassVar[tuple[str, ...]] = ()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(reduce(operator.or_, (Q(**{lookup: value}) for lookup in self.search_lookups)))


def checked(filterset: django_filters.FilterSet) -> django_filters.FilterSet:
    """The filter set, once its query string is valid: a value it refuses answers 400 with the reason."""
    if filterset.is_bound and not filterset.is_valid():
        raise RefusedQuery(" ".join(str(m) for errors in filterset.errors.values() for m in errors))
    return filterset


class AgencyFilter(TextSearch, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency_type = django_filters.ChoiceFilter(label=_("Type"), choices=Agency.Type.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Agency.Level.choices)
    filing_office = django_filters.ModelChoiceFilter(label=_("Filing office"), queryset=FilingOffice.objects.all())

    class Meta:
        model = Agency
        fields = ["q", "agency_type", "level", "filing_office"]

    search_lookups = ("name__icontains", "short_name__icontains", "code__iexact")


class LawFilter(TextSearch, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Law.Kind.choices)

    class Meta:
        model = Law
        fields = ["q", "kind"]

    search_lookups = ("title__icontains", "issuing_body__icontains")
