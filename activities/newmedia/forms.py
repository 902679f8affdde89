"""Forms of the new-media cluster: an account, and the cluster page's filter."""

from __future__ import annotations

from functools import partial

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.filters import TextSearch
from agencies.models import FilingOffice

from .models import WEB_ADDRESS_MESSAGE, MediaAccount


class MediaAccountForm(forms.ModelForm):
    class Meta:
        model = MediaAccount
        fields = ["platform", "name", "url", "note"]
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}
        # An address typed without its scheme (mp.weixin.qq.com/…) is taken as https; any scheme but http and
        # https is refused by the model's validator.
        field_classes = {
            "url": partial(forms.URLField, assume_scheme="https", error_messages={"invalid": WEB_ADDRESS_MESSAGE})
        }


class ClusterFilter(TextSearch, django_filters.FilterSet):
    platform = django_filters.ChoiceFilter(label=_("Platform"), choices=MediaAccount.Platform.choices)
    office = django_filters.ModelChoiceFilter(
        label=_("Filing office"),
        field_name="agency__filing_office",
        queryset=FilingOffice.objects.all(),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Active")), ("inactive", _("Deactivated"))],
        method="by_status",
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = MediaAccount
        fields = ["platform", "office", "status", "q"]

    def by_status(self, queryset, name, value):
        return queryset.filter(is_active=value == "active") if value else queryset

    search_lookups = ("name__icontains", "agency__name__icontains", "agency__short_name__icontains")
