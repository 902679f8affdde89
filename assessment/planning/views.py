"""Pages for multi-year plans and key work: the overview of who filed what, an agency's page, the filing forms.

Fetch through the access rules (404 for outsiders, 403 for those who may only read), bind the form,
call the service, say what happened, redirect.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.documents import stored_download
from agencies.models import Agency
from agencies.pages import form_page, page_of

from . import exports, selectors, services
from .forms import KeyWorkForm, PlanForm, PlanningStatusForm
from .models import KeyWork, MultiYearPlan


# The same question as oversight's filing status, of other filings: the form is shared (PlanningStatusForm), the
# selectors, rows and summary are not.
def _overview(request: HttpRequest):
    form = PlanningStatusForm(request.GET or None, this_year=timezone.localdate().year)
    year = form.chosen_year()
    return form, year, form.narrow(selectors.planning_agencies(access.visible_agencies(request.user), year))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    form, year, agencies = _overview(request)
    page = page_of(request, agencies)
    return render(
        request,
        "assessment/planning/overview.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": selectors.planning_rows(page),
            "summary": selectors.planning_summary(access.visible_agencies(request.user), year),
            "tab": "planning",
        },
    )


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    _form, year, agencies = _overview(request)
    return exports.overview_response(agencies, year)


# An agency's page of one feature: its selectors and template are the feature's own, the access call is shared.
@login_required
def agency_planning(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    return render(
        request,
        "assessment/planning/agency.html",
        {
            "agency": agency,
            "plans": selectors.agency_plans(agency),
            "key_work": selectors.agency_key_work(agency),
            "open_years": years.open_years(),
            "can_file": access.can_change(request.user, agency),
            "tab": "planning",
        },
    )


def _agency_page(agency: Agency) -> str:
    """Where a filed plan or key work shows: the agency's planning page."""
    return reverse("planning:agency", kwargs={"agency_pk": agency.pk})


@login_required
def plan_form(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    existing = None
    if "first_year" in request.GET:
        existing = MultiYearPlan.objects.filter(agency=agency, first_year=years.parse_year(request.GET["first_year"]))
        existing = existing.first()

    def save(data: dict) -> str:
        services.plan_file(agency=agency, user=request.user, **data)
        return _agency_page(agency)

    return form_page(
        request,
        PlanForm(request.POST or None, request.FILES or None, instance=existing),
        "assessment/planning/plan_form.html",
        {"agency": agency, "existing": existing, "tab": "planning"},
        save=save,
        said=_("The multi-year plan was filed."),
        refusable=True,
    )


@login_required
def plan_download(request: HttpRequest, pk: int) -> FileResponse:
    return stored_download(selectors.visible_plans(request.user), pk)


@login_required
def key_work_form(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    years.open_cycle(year)
    existing = KeyWork.objects.filter(agency=agency, year=year).prefetch_related("items").first()
    initial = {"items": "\n".join(item.content for item in existing.items.all())} if existing else {}

    def save(data: dict) -> str:
        services.key_work_file(agency=agency, user=request.user, year=year, items=data["items"])
        return _agency_page(agency)

    return form_page(
        request,
        KeyWorkForm(request.POST or None, initial=initial),
        "assessment/planning/key_work_form.html",
        {"agency": agency, "year": year, "existing": existing, "tab": "planning"},
        save=save,
        said=_("The key work for %(year)s was filed.") % {"year": year},
    )
