"""Pages for annual plans and reports (§4.1), joint meetings (§4.2) and inspections with rectifications (§4.3).

Fetch through the access rules (404 for outsiders, 403 for those who may only read), bind the form,
call the service, say what happened, redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access, years
from agencies.documents import stored_download
from agencies.filters import checked
from agencies.pages import form_page, found, list_page, page_of

from ..followup.views import FollowUpPages
from ..models import AnnualFiling, Finding, JointMeetingAttachment
from . import exports, selectors, services
from .forms import (
    AnswerForm,
    FilingForm,
    FilingStatusForm,
    FindingForm,
    InspectionFilter,
    InspectionForm,
    MeetingFilter,
    MeetingForm,
    RectificationDecisionForm,
    RectificationFilter,
)

# --- annual plan and report --------------------------------------------------------------------------


# Planning's overview asks this question of other filings (its form subclasses FilingStatusForm); the selectors, rows
# and summary differ, so each page keeps its own few lines.
def _filing_status(request: HttpRequest):
    form = FilingStatusForm(request.GET or None, this_year=timezone.localdate().year)
    year = form.chosen_year()
    return form, year, form.narrow(selectors.filing_agencies(access.visible_agencies(request.user), year))


@login_required
def filing_status(request: HttpRequest) -> HttpResponse:
    form, year, agencies = _filing_status(request)
    page = page_of(request, agencies)
    return render(
        request,
        "assessment/oversight/filing_status.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": selectors.filing_rows(page),
            "summary": selectors.filing_summary(access.visible_agencies(request.user), year),
            "own_agency": request.user.agency if request.user.is_agency_staff else None,
            "tab": "filings",
        },
    )


@login_required
def filing_status_export(request: HttpRequest) -> HttpResponse:
    _form, year, agencies = _filing_status(request)
    return exports.filings_response(agencies, year)


@login_required
def agency_filings(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    this_year = timezone.localdate().year
    filings = list(selectors.agency_filings(agency))
    by_key = {(filing.year, filing.kind): filing for filing in filings}
    recent = [year for year in years.open_years() if year >= this_year - 2]
    return render(
        request,
        "assessment/oversight/agency_filings.html",
        {
            "agency": agency,
            "grid": [
                (
                    year,
                    by_key.get((year, AnnualFiling.Kind.PLAN)),
                    by_key.get((year, AnnualFiling.Kind.REPORT)),
                    None if years.year_end_open(year) else years.year_end_from(year),  # the report's first day
                )
                for year in recent
            ],
            "older": [filing for filing in filings if filing.year not in recent],
            "can_file": access.can_change(request.user, agency),
            "can_mark_practice": access.marks_good_practice(request.user),
            "tab": "filings",
        },
    )


@login_required
def filing_form(request: HttpRequest, agency_pk: int, year: int, kind: str) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    years.open_cycle(year)
    if kind not in AnnualFiling.Kind.values:
        raise Http404
    page = {"agency": agency, "year": year, "kind_label": AnnualFiling.Kind(kind).label, "tab": "filings"}
    if kind == AnnualFiling.Kind.REPORT and not years.year_end_open(year):
        # Not yet: said before anything is typed or attached, rather than refused after (the service refuses too).
        return render(request, "assessment/oversight/filing_form.html", {**page, "opens": years.year_end_from(year)})
    existing = AnnualFiling.objects.filter(agency=agency, year=year, kind=kind).first()
    form = FilingForm(request.POST or None, request.FILES or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.filing_file(agency=agency, user=request.user, year=year, kind=kind, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(kind)s for %(year)s filed.") % {"kind": page["kind_label"], "year": year},
            )
            return redirect("oversight:agency_filings", agency_pk=agency.pk)
    return render(request, "assessment/oversight/filing_form.html", {**page, "form": form, "existing": existing})


@login_required
def filing_download(request: HttpRequest, pk: int) -> FileResponse:
    return stored_download(selectors.visible_filings(request.user), pk)


# --- joint meetings --------------------------------------------------------------------------------


# Each list is a page and its export over one filter; its filter, selector and template are its own.
@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        "assessment/oversight/meeting_list.html",
        checked(MeetingFilter(request.GET, queryset=selectors.meeting_list(request.user))),
        can_manage=access.can_manage(request.user),
        tab="meetings",
    )


@login_required
def meeting_export(request: HttpRequest) -> HttpResponse:
    meetings = checked(MeetingFilter(request.GET, queryset=selectors.meeting_list(request.user))).qs
    return exports.meetings_response(meetings)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_detail(request.user, pk))
    return render(
        request,
        "assessment/oversight/meeting_detail.html",
        {"meeting": meeting, "can_manage": access.can_manage(request.user), "tab": "meetings"},
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    return form_page(
        request,
        MeetingForm(request.POST or None, request.FILES or None),
        "assessment/oversight/meeting_form.html",
        {"creating": True, "tab": "meetings"},
        save=lambda data: services.meeting_record(user=request.user, **data),
        said=_("The joint meeting was recorded."),
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_detail(request.user, pk))
    access.require_manager(request.user)
    return form_page(
        request,
        MeetingForm(request.POST or None, request.FILES or None, instance=meeting),
        "assessment/oversight/meeting_form.html",
        {"meeting": meeting, "creating": False, "tab": "meetings"},
        save=lambda data: services.meeting_edit(meeting=meeting, user=request.user, **data),
        said=_("The joint meeting was saved."),
    )


@login_required
def meeting_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return stored_download(
        JointMeetingAttachment.objects.filter(meeting__in=selectors.visible_meetings(request.user)), pk
    )


# --- inspections -----------------------------------------------------------------------------------


# Each list is a page and its export over one filter; its filter, selector and template are its own.
@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        "assessment/oversight/inspection_list.html",
        checked(InspectionFilter(request.GET, queryset=selectors.inspection_list(request.user))),
        can_manage=access.can_manage(request.user),
        tab="inspections",
    )


@login_required
def inspection_export(request: HttpRequest) -> HttpResponse:
    inspections = checked(InspectionFilter(request.GET, queryset=selectors.inspection_list(request.user))).qs
    return exports.inspections_response(inspections)


def _visible_inspection(request: HttpRequest, pk: int):
    return found(selectors.inspection_detail(request.user, pk))


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _visible_inspection(request, pk)
    can_manage = access.can_manage(request.user)
    return render(
        request,
        "assessment/oversight/inspection_detail.html",
        {
            "inspection": inspection,
            "can_manage": can_manage,
            "finding_form": FindingForm(inspection=inspection) if can_manage else None,
            "today": timezone.localdate(),
            "tab": "inspections",
        },
    )


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    return form_page(
        request,
        InspectionForm(request.POST or None),
        "assessment/oversight/inspection_form.html",
        {"creating": True, "tab": "inspections"},
        save=lambda data: services.inspection_record(user=request.user, **data),
        said=_("The inspection was recorded; now add what it found."),
    )


# A form page on agencies.pages.form_page: what stays here is this page's form, template, service and words.
@login_required
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _visible_inspection(request, pk)
    access.require_manager(request.user)
    return form_page(
        request,
        InspectionForm(request.POST or None, instance=inspection),
        "assessment/oversight/inspection_form.html",
        {"inspection": inspection, "creating": False, "tab": "inspections"},
        save=lambda data: services.inspection_edit(inspection=inspection, user=request.user, **data),
        said=_("The inspection was saved."),
        refusable=True,
        refusal_field="agencies",
    )


@login_required
@require_POST
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _visible_inspection(request, pk)
    access.require_manager(request.user)
    form = FindingForm(request.POST, inspection=inspection)
    if form.is_valid():
        services.finding_add(inspection=inspection, user=request.user, **form.cleaned_data)
        messages.success(request, _("The finding was recorded."))
        return redirect(inspection)
    return render(
        request,
        "assessment/oversight/inspection_detail.html",
        {
            "inspection": inspection,
            "can_manage": True,
            "finding_form": form,
            "today": timezone.localdate(),
            "tab": "inspections",
        },
    )


# --- rectifications ----------------------------------------------------------------------------------


@login_required
def rectification_list(request: HttpRequest) -> HttpResponse:
    findings = checked(RectificationFilter(request.GET, queryset=selectors.rectifications(request.user)))
    return render(
        request,
        "assessment/oversight/rectification_list.html",
        {
            "filter": findings,
            "page": page_of(request, findings.qs),
            "today": timezone.localdate(),
            "tab": "rectifications",
        },
    )


@login_required
def rectification_export(request: HttpRequest) -> HttpResponse:
    findings = checked(RectificationFilter(request.GET, queryset=selectors.rectifications(request.user))).qs
    today = timezone.localdate()
    return exports.rectifications_response(findings, today)


def _visible_finding(request: HttpRequest, pk: int) -> Finding:
    finding = selectors.rectification_detail(request.user, pk)
    if finding is None or not finding.requires_rectification:
        raise Http404
    return finding


class _RectificationPages(FollowUpPages):
    """The rectification's page: the agency answers with evidence, the bureau accepts it or sends it back; a
    refused step is said in a message over the page reloaded."""

    template_name = "assessment/oversight/rectification_detail.html"
    answer_form, decision_form = AnswerForm, RectificationDecisionForm
    steps = services.rectification_answer, services.rectification_accept, services.rectification_return
    visible_evidence = staticmethod(selectors.visible_evidence)
    refusal_on_page = False

    def get(self, request: HttpRequest, pk: int) -> Finding:
        return _visible_finding(request, pk)

    def context(self, request: HttpRequest, finding: Finding) -> dict:
        return {"finding": finding, "today": timezone.localdate(), "tab": "rectifications"}


rectification_detail, rectification_answer, rectification_decide, evidence_download = _RectificationPages().views()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("oversight:filings"))
