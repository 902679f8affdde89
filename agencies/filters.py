import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Agency, FilingOffice, Law
from .widgets import LongSelect


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency_type = django_filters.ChoiceFilter(label=_("Type"), choices=Agency.Type.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Agency.Level.choices)
    filing_office = django_filters.ModelChoiceFilter(
        label=_("Filing office"), queryset=FilingOffice.objects.all(), widget=LongSelect
    )

    class Meta:
        model = Agency
        fields = ["q", "agency_type", "level", "filing_office"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__iexact=value))


class LawFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Law.Kind.choices)

    class Meta:
        model = Law
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(issuing_body__icontains=value))
