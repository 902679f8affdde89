"""Pages for what was decided on the year's results (结果运用): commendations and accountability measures.

Fetch through the access rules (404 for outsiders, 403 for those who may only read), bind the form, call the
service, say what happened, redirect. The bureau records; everyone reads what their scope holds; an agency's
staff answer its measures.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.documents import download_response
from agencies.pages import form_page, page_of

from ..followup.views import FollowUpPages
from . import exports, selectors, services
from .forms import AnswerForm, CommendationForm, DecisionForm, MeasureForm
from .models import Commendation, Measure

PAGE_SIZE = 50
# The page numbers of the year's two lists, apart: the 全部 tab pages through each on its own (the export has all).
COMMENDATIONS_PAGE, MEASURES_PAGE = "commendations_page", "measures_page"


def _year(year: int) -> int:
    """A year the bureau has opened; any other answers 404 (``agencies.years``)."""
    return years.open_cycle(year).year


def _show(request: HttpRequest) -> str:
    show = request.GET.get("show", "")
    return show if show in selectors.SHOWS else ""


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("decisions:year", year=timezone.localdate().year)


@login_required
def year_list(request: HttpRequest, year: int) -> HttpResponse:
    """The year's commendations and measures; ``?show=`` is where the dashboard's figures drill down."""
    year = _year(year)
    show = _show(request)
    today = timezone.localdate()
    return render(
        request,
        "assessment/decisions/year.html",
        {
            "year": year,
            "years": years.open_years(),
            "show": show,
            "commendations": (
                page_of(request, selectors.year_commendations(request.user, year), PAGE_SIZE, param=COMMENDATIONS_PAGE)
                if show in ("", selectors.COMMENDATIONS)
                else None
            ),
            "measures": (
                page_of(
                    request,
                    selectors.year_measures(request.user, year, show, today=today),
                    PAGE_SIZE,
                    param=MEASURES_PAGE,
                )
                if show != selectors.COMMENDATIONS
                else None
            ),
            "can_manage": access.can_manage(request.user),
            "today": today,
            "commendations_param": COMMENDATIONS_PAGE,
            "measures_param": MEASURES_PAGE,
        },
    )


@login_required
def year_export(request: HttpRequest, year: int) -> FileResponse:
    year = _year(year)
    today = timezone.localdate()
    return exports.year_response(request.user, year, today)


# An agency's page of one feature: its selectors and template are the feature's own, the access call is shared.
@login_required
def agency_decisions(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    return render(
        request,
        "assessment/decisions/agency.html",
        {
            "agency": agency,
            "commendations": selectors.agency_commendations(agency),
            "measures": selectors.agency_measures(agency),
            "can_manage": access.can_manage(request.user),
            "today": timezone.localdate(),
        },
    )


# --- commendations -----------------------------------------------------------------------------------


def _visible_commendation(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.visible_commendations(request.user).select_related("agency"), pk=pk)


def _year_page(commendation: Commendation) -> str:
    """Where a commendation shows: its year's list (it has no page of its own)."""
    return reverse("decisions:year", kwargs={"year": commendation.year})


# A form page on agencies.pages.form_page: what stays here is this page's form, template, service and words.
@login_required
def commendation_create(request: HttpRequest, year: int) -> HttpResponse:
    year = _year(year)
    access.require_manager(request.user)
    return form_page(
        request,
        CommendationForm(request.POST or None, request.FILES or None),
        "assessment/decisions/form.html",
        {"year": year, "title": _("Record a commendation")},
        save=lambda data: _year_page(services.commendation_record(user=request.user, year=year, **data)),
        said=_("The commendation was recorded."),
        refusable=True,
    )


# A form page on agencies.pages.form_page: what stays here is this page's form, template, service and words.
@login_required
def commendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commendation = _visible_commendation(request, pk)
    access.require_manager(request.user)
    return form_page(
        request,
        CommendationForm(request.POST or None, request.FILES or None, instance=commendation),
        "assessment/decisions/form.html",
        {"year": commendation.year, "title": _("Edit the commendation")},
        save=lambda data: _year_page(services.commendation_edit(commendation=commendation, user=request.user, **data)),
        said=_("The commendation was saved."),
        refusable=True,
    )


@login_required
def commendation_document(request: HttpRequest, pk: int) -> FileResponse:
    commendation = get_object_or_404(selectors.visible_commendations(request.user), pk=pk)
    return download_response(commendation.file, commendation.original_name, commendation.content_type)


# --- accountability measures -------------------------------------------------------------------------


# A form page on agencies.pages.form_page: what stays here is this page's form, template, service and words.
@login_required
def measure_create(request: HttpRequest, year: int) -> HttpResponse:
    year = _year(year)
    access.require_manager(request.user)
    return form_page(
        request,
        MeasureForm(request.POST or None, request.FILES or None),
        "assessment/decisions/form.html",
        {"year": year, "title": _("Record an accountability measure")},
        save=lambda data: services.measure_record(user=request.user, year=year, **data),
        said=_("The measure was recorded; the agency was told."),
        refusable=True,
    )


def _visible_measure(request: HttpRequest, pk: int) -> Measure:
    measure = selectors.measure_detail(request.user, pk)
    if measure is None:
        raise Http404
    return measure


@login_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(selectors.visible_measures(request.user).select_related("agency"), pk=pk)
    access.require_manager(request.user)
    return form_page(
        request,
        MeasureForm(request.POST or None, request.FILES or None, instance=measure),
        "assessment/decisions/form.html",
        {"year": measure.year, "measure": measure, "title": _("Edit the accountability measure")},
        save=lambda data: services.measure_edit(measure=measure, user=request.user, **data),
        said=_("The measure was saved."),
        refusable=True,
    )


class _MeasurePages(FollowUpPages):
    """The measure's page: the agency answers it, the bureau closes it or sends it back."""

    template_name = "assessment/decisions/measure.html"
    answer_form, decision_form = AnswerForm, DecisionForm
    steps = services.measure_answer, services.measure_close, services.measure_return
    visible_evidence = staticmethod(selectors.visible_evidence)

    def get(self, request: HttpRequest, pk: int) -> Measure:
        return _visible_measure(request, pk)

    def context(self, request: HttpRequest, measure: Measure) -> dict:
        return {"measure": measure, "can_manage": access.can_manage(request.user)}


measure_detail, measure_answer, measure_decide, evidence_download = _MeasurePages().views()


@login_required
def measure_document(request: HttpRequest, pk: int) -> FileResponse:
    measure = get_object_or_404(selectors.visible_measures(request.user), pk=pk)
    return download_response(measure.file, measure.original_name, measure.content_type)
