"""Views that wire the apps together: the home page for each role, and the health check."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from agencies import access, selectors
from agencies.filters import RefusedQuery

from .health import run_checks
from .home import panels_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    year = timezone.localdate().year
    context = {"year": year, "panels": panels_for(user, year)}
    if user.is_agency_staff:
        context["agency"] = selectors.agency_for_home(user.agency_id)
        context["subordinates"] = selectors.subordinate_units(user.agency_id)
        template = "home/staff.html"
    elif user.is_reviewer or user.is_bureau_admin:
        context["office"] = user.filing_office
        context["summary"] = selectors.agency_summary(access.visible_agencies(user))
        template = "home/reviewer.html"
    elif user.is_leadership:
        context["summary"] = selectors.agency_summary(access.visible_agencies(user))
        template = "home/leadership.html"
    else:
        template = "home/unassigned.html"
    return render(request, template, context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 as a Chinese page, saying why when the reason is ours to give (a year out of range).

    Other reasons (too many fields, a malformed upload) come from Django and may name internals: they are
    not shown.
    """
    reason = str(exception) if isinstance(exception, RefusedQuery) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(results, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
