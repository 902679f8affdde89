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
from agencies.spreadsheets import Column, export_response

from ..models import AnnualFiling, Finding, JointMeetingAttachment
from . import selectors, services
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


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- annual plan and report --------------------------------------------------------------------------


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
    columns = [
        Column(_("Agency"), 34),
        Column(_("Filing office"), 24),
        Column(_("Plan filed"), 10),
        Column(_("Plan filed at"), 18),
        Column(_("Report filed"), 10),
        Column(_("Report filed at"), 18),
        Column(_("Head responsible"), 12),
        Column(_("Budgeted funding (yuan)"), 16),
    ]
    yes, no = _("Yes"), _("No")
    rows = []
    for row in selectors.filing_rows(agencies):
        named = row.plan or row.report
        rows.append(
            (
                row.agency.name,
                row.agency.filing_office.name,
                yes if row.plan else no,
                row.plan.filed_at if row.plan else None,
                yes if row.report else no,
                row.report.filed_at if row.report else None,
                named.head_responsible if named else "",
                float(row.plan.funding) if row.plan else None,
            )
        )
    return export_response(_("Annual plans and reports %(year)s.xlsx") % {"year": year}, str(year), columns, rows)


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
                (year, by_key.get((year, AnnualFiling.Kind.PLAN)), by_key.get((year, AnnualFiling.Kind.REPORT)))
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
                _("%(kind)s for %(year)s filed.") % {"kind": AnnualFiling.Kind(kind).label, "year": year},
            )
            return redirect("oversight:agency_filings", agency_pk=agency.pk)
    return render(
        request,
        "assessment/oversight/filing_form.html",
        {
            "form": form,
            "agency": agency,
            "year": year,
            "kind_label": AnnualFiling.Kind(kind).label,
            "existing": existing,
            "tab": "filings",
        },
    )


@login_required
def filing_download(request: HttpRequest, pk: int) -> FileResponse:
    return stored_download(selectors.visible_filings(request.user), pk)


# --- joint meetings --------------------------------------------------------------------------------


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
    columns = [
        Column(_("Date"), 12),
        Column(_("Title"), 40),
        Column(_("Place"), 20),
        Column(_("Attendees"), 40),
        Column(_("Agencies taking part"), 10),
        Column(_("Agencies that reported"), 40),
        Column(_("Minutes"), 60),
    ]
    rows = (
        (
            m.held_on,
            m.title,
            m.place,
            m.attendees,
            m.agency_count,
            "、".join(a.display_name for a in m.reporting_agencies.all()),
            m.minutes,
        )
        for m in meetings.iterator(chunk_size=200)
    )
    return export_response(_("Joint meetings.xlsx"), _("Joint meetings"), columns, rows)


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
    columns = [
        Column(_("Date"), 12),
        Column(_("Kind"), 14),
        Column(_("Title"), 40),
        Column(_("Inspectors"), 24),
        Column(_("Agencies inspected"), 50),
        Column(_("Findings"), 10),
        Column(_("Open rectifications"), 12),
    ]
    rows = (
        (
            i.held_on,
            i.get_kind_display(),
            i.title,
            i.inspectors,
            "、".join(a.display_name for a in i.agencies.all()),
            i.finding_count,
            i.open_rectifications,
        )
        for i in inspections.iterator(chunk_size=200)
    )
    return export_response(_("Inspections.xlsx"), _("Inspections"), columns, rows)


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
    columns = [
        Column(_("Agency"), 30),
        Column(_("Inspection"), 30),
        Column(_("Inspection date"), 12),
        Column(_("Finding"), 50),
        Column(_("Rectification deadline"), 12),
        Column(_("Status"), 16),
        Column(_("Overdue"), 8),
    ]
    rows = (
        (
            f.agency.name,
            f.inspection.title,
            f.inspection.held_on,
            f.description,
            f.deadline,
            f.get_status_display(),
            _("Yes") if f.is_overdue(today) else "",
        )
        for f in findings.iterator(chunk_size=500)
    )
    return export_response(_("Rectifications.xlsx"), _("Rectifications"), columns, rows)


def _visible_finding(request: HttpRequest, pk: int) -> Finding:
    finding = selectors.rectification_detail(request.user, pk)
    if finding is None or not finding.requires_rectification:
        raise Http404
    return finding


def _rectification_page(request, finding, *, answer_form=None, decision_form=None, status=200) -> HttpResponse:
    can_answer = access.can_change(request.user, finding.agency_id) and finding.is_answerable
    can_decide = access.can_manage(request.user) and finding.is_awaiting_decision
    return render(
        request,
        "assessment/oversight/rectification_detail.html",
        {
            "finding": finding,
            "today": timezone.localdate(),
            "answer_form": (answer_form or AnswerForm()) if can_answer else None,
            "decision_form": (decision_form or RectificationDecisionForm()) if can_decide else None,
            "tab": "rectifications",
        },
        status=status,
    )


@login_required
def rectification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _rectification_page(request, _visible_finding(request, pk))


@login_required
@require_POST
def rectification_answer(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _visible_finding(request, pk)
    access.get_changeable_agency(request.user, finding.agency_id)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.rectification_answer(
                finding=finding,
                user=request.user,
                description=form.cleaned_data["description"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Your answer was sent to the bureau."))
        return redirect(finding)
    return _rectification_page(request, finding, answer_form=form)


@login_required
@require_POST
def rectification_decide(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _visible_finding(request, pk)
    access.require_manager(request.user)
    form = RectificationDecisionForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == form.ACCEPT:
                services.rectification_accept(finding=finding, user=request.user, comment=comment)
                messages.success(request, _("The rectification was accepted."))
            else:
                services.rectification_return(finding=finding, user=request.user, reason=comment)
                messages.success(request, _("The rectification was sent back to the agency."))
        except ValidationError as error:
            _error_messages(request, error)
        return redirect(finding)
    return _rectification_page(request, finding, decision_form=form)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    return stored_download(selectors.visible_evidence(request.user), pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("oversight:filings"))
