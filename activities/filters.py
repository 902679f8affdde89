import django_filters
from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.filters import TextSearch
from agencies.forms import dates_in_order
from agencies.vocabulary import ActivityType, Duty, types_of_duty
from checklists.models import ChecklistItem

from .models import Activity

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LedgerFilterForm(forms.Form):
    """A range that ends before it starts is said beside its end date (and the list filtered by its start only),
    rather than answered with an empty list."""

    def clean(self):
        cleaned = super().clean()
        dates_in_order(self, "date_from", "date_to", _("The end date cannot be before the start date."))
        return cleaned


class LedgerFilter(TextSearch, django_filters.FilterSet):
    """The ledger's filters: duty, type, checklist item, date range and text."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    duty = django_filters.ChoiceFilter(label=_("Duty"), choices=Duty.choices, method="filter_duty")
    activity_type = django_filters.ChoiceFilter(label=_("Activity type"), choices=ActivityType.choices)
    item = django_filters.ModelChoiceFilter(
        label=_("Checklist item"), queryset=ChecklistItem.objects.none(), method="filter_item"
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="start_date", lookup_expr="gte", widget=DATE_WIDGET
    )
    # A bare "To" is the reminders list's recipient in the project catalogue, which overrides this app's.
    date_to = django_filters.DateFilter(
        label=pgettext_lazy("date range", "To"), field_name="start_date", lookup_expr="lte", widget=DATE_WIDGET
    )

    class Meta:
        model = Activity
        form = LedgerFilterForm
        fields = ["q", "duty", "activity_type", "item", "date_from", "date_to"]

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if items is not None:
            self.filters["item"].queryset = items
            self.form.fields["item"].queryset = items
            self.form.fields["item"].label_from_instance = lambda item: (
                f"{item.position}. {Truncator(item.content).chars(40)}"
            )

    search_lookups = ("title__icontains", "place__icontains", "description__icontains")

    def filter_duty(self, queryset, name, value):
        return queryset.filter(activity_type__in=types_of_duty(value)) if value else queryset

    def filter_item(self, queryset, name, value):
        # An item counts across revisions: match every activity linked to an item with the same key.
        return queryset.filter(checklist_item__key=value.key) if value else queryset
