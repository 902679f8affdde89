"""Pages of the new-media cluster (新媒体普法网络集群).

The cluster page lists every account of the agencies a reviewer, the bureau or leadership oversees (a town
office: its own agencies); an agency's accounts page is read by whoever may see the agency and changed only by
its own staff (``agencies.access``: 404 for outsiders, 403 for readers).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access, years
from agencies.filters import checked

from . import exports, selectors, services
from .forms import ClusterFilter, MediaAccountForm
from .models import MediaAccount

PAGE_SIZE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Agency staff go to their own accounts; those who oversee, to this year's cluster."""
    if request.user.is_agency_staff:
        return redirect("newmedia:agency", request.user.agency_id)
    access.require_overseer(request.user)
    return redirect("newmedia:cluster", timezone.localdate().year)


def _cluster(request: HttpRequest, year: int) -> ClusterFilter:
    access.require_overseer(request.user)
    years.open_cycle(year)
    return checked(ClusterFilter(request.GET, queryset=selectors.cluster(request.user, year)))


# A list view reads as every one does (fetch through access, render); only the template and its context are its own.
@login_required
def cluster(request: HttpRequest, year: int) -> HttpResponse:
    accounts = _cluster(request, year)
    return render(
        request,
        "activities/newmedia/cluster.html",
        {
            "year": year,
            "filter": accounts,
            "page": Paginator(accounts.qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "clear_url": reverse("newmedia:cluster", args=[year]),
            "export_url": reverse("newmedia:cluster_export", args=[year]),
        },
    )


@login_required
def cluster_export(request: HttpRequest, year: int) -> FileResponse:
    accounts = _cluster(request, year).qs
    return exports.cluster_response(accounts, year)


@login_required
def agency_accounts(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    year = timezone.localdate().year
    return render(
        request,
        "activities/newmedia/agency.html",
        {
            "agency": agency,
            "year": year,
            "accounts": selectors.agency_accounts(agency, year),
            "can_change": access.can_change(request.user, agency),
        },
    )


@login_required
def account_create(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    form = MediaAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.media_account_add(agency=agency, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Account “%(name)s” registered.") % {"name": account.name})
            return redirect(account)
    return render(request, "activities/newmedia/account_form.html", {"form": form, "agency": agency})


def _changeable_account(request: HttpRequest, pk: int) -> MediaAccount:
    """The account for a change: 404 unless its agency is in sight, 403 unless the user files for it."""
    account = get_object_or_404(access.scope(request.user, MediaAccount.objects.select_related("agency")), pk=pk)
    access.get_changeable_agency(request.user, account.agency_id)
    return account


@login_required
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _changeable_account(request, pk)
    form = MediaAccountForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.media_account_edit(account=account, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Account “%(name)s” saved.") % {"name": account.name})
            return redirect(account)
    return render(
        request, "activities/newmedia/account_form.html", {"form": form, "agency": account.agency, "account": account}
    )


@login_required
@require_POST
def account_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    account = _changeable_account(request, pk)
    services.media_account_set_active(account=account, active=active)
    if active:
        messages.success(request, _("Account “%(name)s” is active again.") % {"name": account.name})
    else:
        messages.success(request, _("Account “%(name)s” deactivated.") % {"name": account.name})
    return redirect(account)
