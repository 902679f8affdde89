"""The public pages (§3.1 以适当形式向社会公布): no login, and only what was approved.

Everything here reads through ``selectors.published()``: each agency's latest approved revision. Drafts,
submissions, returned revisions, reviewers' comments and contact phone numbers never reach these pages.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from agencies import freshness
from agencies.caching import cache
from agencies.years import open_cycle, parse_year

from . import selectors
from .exports import district_export
from .forms import PublicFilterForm

PAGE_SIZE = 50
# A visitor's list is kept per data version, so any change shows at once; the timeout only bounds the space
# that versions no longer read take up.
LIST_CACHE_SECONDS = 3600


def _chosen_year(request: HttpRequest, years: list[int]) -> int:
    if "year" in request.GET:
        year = parse_year(request.GET["year"])
        return year if year in years else open_cycle(year).year  # a published year is an opened one
    this_year = timezone.localdate().year
    return this_year if this_year in years or not years else years[0]


@require_safe
def published_list(request: HttpRequest) -> HttpResponse:
    """The list is the same for every visitor: their copy is kept, built once per data version, language and
    address. A signed-in user's list is always built afresh (it is never read from, nor written to, that copy);
    only the list is kept, not the page around it, whose language form carries each visitor's CSRF token."""
    if request.user.is_authenticated:
        content = _published_list_content(request)
    else:
        key = _visitor_list_key(request)
        content = cache.get(key)
        if content is None:
            content = _published_list_content(request)
            cache.set(key, str(content), LIST_CACHE_SECONDS)
    return render(request, "checklists/public_list.html", {"content": mark_safe(content)})  # noqa: S308 - our HTML


def _visitor_list_key(request: HttpRequest) -> str:
    # Today's date: without ?year= the list shows this year's, which changes at midnight on 1 January.
    address = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()[:32]
    language = translation.get_language()
    return f"public-list:{freshness.version()}:{language}:{timezone.localdate():%Y%m%d}:{address}"


def _published_list_content(request: HttpRequest) -> str:
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
    return render_to_string(
        "checklists/_public_list_content.html",
        {"year": year, "years": years, "form": form, "page": page, "district": settings.PUFFA_DISTRICT_NAME},
        request,
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
