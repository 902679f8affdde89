"""Good practice pages: the signed-in list and its export, the bureau's mark and unmark, the public page.

Fetch through the access rules (404 for a source the user does not see, 403 for those who may not mark),
bind the form, call the service, say what happened, redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from activities import services as activity_services
from agencies import access
from agencies.filters import checked

from . import exports, selectors, services
from .forms import MarkForm, PracticeFilter
from .models import GoodPractice

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> PracticeFilter:
    return checked(PracticeFilter(request.GET, queryset=selectors.practices()))


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    practices = _filtered(request)
    return render(
        request,
        "assessment/practice/practice_list.html",
        {
            "filter": practices,
            "page": Paginator(practices.qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_mark": access.marks_good_practice(request.user),
            # Links to the sources only for those who see every agency; the list itself is for everyone.
            "links": access.sees_all_agencies(request.user),
            "district": settings.PUFFA_DISTRICT_NAME,
        },
    )


@login_required
def practice_export(request: HttpRequest) -> HttpResponse:
    return exports.practices_response(_filtered(request).qs)


@login_required
def practice_mark(request: HttpRequest, source: str, pk: int) -> HttpResponse:
    found = selectors.visible_source(request.user, source, pk)
    if found is None:
        raise Http404
    access.require_practice_marker(request.user)
    existing = GoodPractice.objects.filter(**{source: found}).first()
    form = MarkForm(request.POST or None, initial={"note": existing.note if existing else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_mark(user=request.user, source=found, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Marked as a good practice."))
            return redirect("practice:list")
    return render(
        request,
        "assessment/practice/practice_mark.html",
        {
            "form": form,
            "existing": existing,
            "source_label": GoodPractice.Source(source).label,
            "title": found.title if source != GoodPractice.Source.REPORT else str(found),
        },
    )


@login_required
@require_POST
def practice_unmark(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(GoodPractice, pk=pk)
    access.require_practice_marker(request.user)
    services.practice_unmark(user=request.user, practice=practice)
    messages.success(request, _("No longer marked as a good practice."))
    return redirect("practice:list")


# --- the public page -----------------------------------------------------------------------------------


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.public_practices(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/practice/public_list.html",
        {"page": page, "district": settings.PUFFA_DISTRICT_NAME},
    )


@require_safe
def public_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A published photo, as its thumbnail: re-encoded, so nothing of the original file's metadata goes out."""
    photo = selectors.public_photo(pk)
    if photo is None:
        raise Http404
    response = HttpResponse(activity_services.evidence_thumbnail(evidence=photo), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response
