"""The public pages (§3.1 以适当形式向社会公布): no login, and only what was approved.

Everything here reads through ``selectors.published()``: each agency's latest approved revision. Drafts,
submissions, returned revisions, reviewers' comments and contact phone numbers never reach these pages.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from agencies.years import open_cycle, parse_year

from . import selectors
from .exports import district_export
from .forms import PublicFilterForm

PAGE_SIZE = 50


def _chosen_year(request: HttpRequest, years: list[int]) -> int:
    if "year" in request.GET:
        year = parse_year(request.GET["year"])
        return year if year in years else open_cycle(year).year  # a published year is an opened one
    this_year = timezone.localdate().year
    return this_year if this_year in years or not years else years[0]


@require_safe
def published_list(request: HttpRequest) -> HttpResponse:
    years = selectors.published_years()
    year = _chosen_year(request, years)
    form = PublicFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    checklists = selectors.published_list(
        year,
        q=filters.get("q", "").strip(),
        agency_type=filters.get("agency_type", ""),
        level=filters.get("level", ""),
    )
    page = Paginator(checklists, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "checklists/public_list.html",
        {"year": year, "years": years, "form": form, "page": page, "district": settings.PUFFA_DISTRICT_NAME},
    )


@require_safe
def published_checklist(request: HttpRequest, year: int, agency_id: int) -> HttpResponse:
    # A published checklist is of an opened year: the range is all there is to check.
    checklist = selectors.published_checklist(parse_year(year), agency_id)
    if checklist is None:
        raise Http404
    return render(request, "checklists/public_detail.html", {"checklist": checklist, "agency": checklist.agency})


@require_safe
def published_download(request: HttpRequest, year: int) -> HttpResponse:
    return district_export(open_cycle(year).year, selectors.published_items(year), settings.PUFFA_DISTRICT_NAME)
