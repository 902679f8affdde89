"""Views that wire the apps together: the home page for each role, opening a year, and the health check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from agencies import access, selectors
from agencies.filters import RefusedQuery
from assessment import services as assessment_services

from .health import run_checks
from .home import panels_for
from .todos import todos_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    year = today.year
    context = {
        "year": year,
        "today": today,
        "todos": todos_for(user, year=year, today=today),
        "panels": panels_for(user, year),
    }
    if user.is_agency_staff:
        context["agency"] = selectors.agency_for_home(user.agency_id)
        context["subordinates"] = context["agency"].subordinates.all()  # prefetched with the agency
        template = "home/staff.html"
    elif access.reviews(user):
        context["office"] = user.filing_office
        context["summary"] = selectors.agency_summary(access.visible_agencies(user))
        template = "home/reviewer.html"
    elif user.is_leadership:
        context["summary"] = selectors.agency_summary(access.visible_agencies(user))
        template = "home/leadership.html"
    else:
        template = "home/unassigned.html"
    return render(request, template, context)


@login_required
@require_POST
def year_open(request: HttpRequest, year: int) -> HttpResponse:
    """The bureau opens a year (年度设置): its cycle with the default deadline and study minimum, and its rubric.
    Wired here because the cycle belongs to agencies and the rubric to assessment."""
    access.require_manager(request.user)
    assessment_services.year_open(actor=request.user, year=year)
    messages.success(request, _("The year %(year)d is open.") % {"year": year})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("checklists:cycle_list")
    return redirect(target)


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
