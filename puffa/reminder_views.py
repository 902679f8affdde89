"""The bureau's page of reminders sent, and "remind this agency now"."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter, FilterSet, ModelChoiceFilter

from agencies import access
from agencies.filters import YearFilter, checked
from agencies.forms import AgencyChoiceField
from agencies.models import Agency, ReminderLog

from . import reminders, selectors

PAGE_SIZE = 50


class AgencyNamed(ModelChoiceFilter):
    """The agency typed by name (a select would list every agency of a province)."""

    field_class = AgencyChoiceField


class ReminderLogFilter(FilterSet):
    kind = ChoiceFilter(label=gettext_lazy("Kind"), choices=lambda: list(ReminderLog.kinds.items()))
    year = YearFilter(label=gettext_lazy("Year"), method="of_year")
    agency = AgencyNamed(label=gettext_lazy("Agency"), queryset=Agency.objects.none())

    class Meta:
        model = ReminderLog
        fields = ["kind", "year", "agency"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["agency"].queryset = agencies

    def of_year(self, queryset, name, value):
        return queryset.filter(period=str(int(value)))


class RemindAgencyForm(forms.Form):
    agency = AgencyChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())

    def __init__(self, *args, agencies=None, **kwargs):
        kwargs.setdefault("auto_id", "remind_%s")  # the filter above has its own "agency" field on the page
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    access.require_overseer(request.user)
    agencies = access.active_agencies(request.user).order_by("level", "name")
    log_filter = checked(
        ReminderLogFilter(request.GET, queryset=selectors.reminder_log_list(request.user), agencies=agencies)
    )
    page = Paginator(log_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.with_stage_words(list(page))  # the page's own rows, given words for their stage and year
    can_remind = access.can_manage(request.user)
    remind_form = None
    if can_remind:
        remind_form = RemindAgencyForm(initial={"agency": request.GET.get("agency")}, agencies=agencies)
    return render(
        request,
        "puffa/reminder_list.html",
        {"filter": log_filter, "page": page, "can_remind": can_remind, "remind_form": remind_form},
    )


@login_required
@require_POST
def remind_agency(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    form = RemindAgencyForm(request.POST, agencies=access.active_agencies(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose an agency to remind."))
        return redirect("reminders:list")
    agency = access.get_visible_agency(request.user, form.cleaned_data["agency"].pk)
    sent = reminders.reminder_send_now(agency=agency, by=request.user, on=timezone.localdate())
    if sent:
        messages.success(
            request,
            _("%(agency)s reminded: %(subjects)s.")
            % {"agency": agency.display_name, "subjects": "；".join(item.due.subject for item in sent)},
        )
    else:
        messages.info(
            request,
            _(
                "Nothing to remind %(agency)s of today: its checklist is submitted and its study sessions reach "
                "the minimum, or it was already reminded today."
            )
            % {"agency": agency.display_name},
        )
    return redirect(f"{reverse('reminders:list')}?agency={agency.pk}")
