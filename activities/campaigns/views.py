"""Campaign pages: the list, announcing, a campaign's participation with its agencies, and its export.

Function views: fetch through ``agencies.access`` (404 for outsiders, 403 for those who may only read), bind a
form, call a service, message, redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years

from . import exports, facts, selectors, services
from .forms import CampaignEditForm, CampaignForm, ParticipationFilter

PAGE_SIZE = 50


def _year(request: HttpRequest) -> int:
    """The year asked for (an opened one, or 404), this year by default."""
    year = years.parse_year(request.GET.get("year") or timezone.localdate().year)
    years.open_cycle(year)
    return year


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    """The year's campaigns a page at a time, each with its participation counted for that page only; the whole
    list is the export."""
    year = _year(request)
    page = Paginator(selectors.campaign_list(request.user, year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/campaigns/list.html",
        {
            "year": year,
            "page": page,
            "lines": facts.with_participation(list(page)),
            "may_announce": access.may_announce_campaign(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def campaign_list_export(request: HttpRequest) -> HttpResponse:
    """Every campaign of the year the user may read, with the figures the list shows."""
    year = _year(request)
    return exports.campaigns_response(list(selectors.campaign_list(request.user, year)), year)


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not access.may_announce_campaign(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_announce(
                user=request.user,
                title=form.cleaned_data["title"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                asks=form.cleaned_data["asks"],
                scope=form.cleaned_data["scope"],
                agency_type=form.cleaned_data["agency_type"],
                filing_office=form.cleaned_data["filing_office"],
                chosen=form.cleaned_data["chosen"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = campaign.asked.count()
            messages.success(
                request,
                _("“%(title)s” was announced to %(count)d agencies.") % {"title": campaign.title, "count": count},
            )
            return redirect(campaign)
    return render(request, "activities/campaigns/form.html", {"form": form, "creating": True})


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.get_visible_campaign(request.user, pk)
    if not access.can_manage_campaign(request.user, campaign):
        raise PermissionDenied
    form = CampaignEditForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_edit(campaign=campaign, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # A form view ends as every one does (message, redirect, or the form again); the service it calls above is
            # its own.
            messages.success(request, _("“%(title)s” saved.") % {"title": campaign.title})
            return redirect(campaign)
    return render(request, "activities/campaigns/form.html", {"form": form, "campaign": campaign, "creating": False})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.get_visible_campaign(request.user, pk)
    today = timezone.localdate()
    shown = ParticipationFilter(request.GET)
    # The totals are the campaign's; the agencies listed are only those the user may see.
    asked = access.scope(request.user, selectors.asked_agencies(campaign, today, shown.value()))
    page = Paginator(asked, PAGE_SIZE).get_page(request.GET.get("page"))
    parts = selectors.parts_of(campaign, [row.agency_id for row in page], today)
    log_url = ""
    if request.user.is_agency_staff and campaign.asked.filter(agency_id=request.user.agency_id).exists():
        log_url = reverse("activities:create", args=[request.user.agency_id, campaign.year])
        log_url += f"?campaign={campaign.pk}"
    return render(
        request,
        "activities/campaigns/detail.html",
        {
            "campaign": campaign,
            "counted": facts.of_campaign(campaign, today),
            "filter": shown,
            "page": page,
            "lines": [(row, parts.get(row.agency_id, (0, 0))) for row in page],
            "can_edit": access.can_manage_campaign(request.user, campaign),
            "log_url": log_url,
            "today": today,
        },
    )


@login_required
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.get_visible_campaign(request.user, pk)
    return exports.participation_response(campaign, timezone.localdate(), user=request.user)
