"""The annual report draft's page (ask for it, follow its build, download it) and its download.

The clerk of the agency asks; everyone who may read the agency (its parent's staff, its reviewers, the bureau,
leadership) follows and downloads; outsiders get 404 and read-only roles 403 on a POST (``agencies.access``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.documents import download_response
from agencies.pages import attempt

from . import services
from .models import DistrictDocument, ReportDraft

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def report_draft(request: HttpRequest, year: int, agency_pk: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    years.open_cycle(year)
    if request.method == "POST":
        access.get_changeable_agency(request.user, agency.pk)
        attempt(
            request,
            lambda: services.report_draft_request(agency=agency, year=year, requested_by=request.user),
            _("The %(year)d report draft is being written.") % {"year": year},
        )
        return redirect("assessment:report_draft", year=year, agency_pk=agency.pk)
    draft = ReportDraft.objects.filter(agency=agency, year=year).select_related("requested_by").first()
    return render(
        request,
        "assessment/report_draft.html",
        {
            "agency": agency,
            "year": year,
            "draft": draft,
            "building": draft is not None and draft.is_building,
            "can_change": access.can_change(request.user, agency),
        },
    )


@login_required
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    draft = access.get_visible_ready(request.user, ReportDraft, pk)
    return download_response(draft.file, services.report_file_name(draft), DOCX)


# --- The district's documents: the district report (the bureau) and the leader's brief (leadership, the bureau) ---

PDF = "application/pdf"
DISTRICT_URL_NAMES = {DistrictDocument.Kind.REPORT: "district_report", DistrictDocument.Kind.BRIEF: "leader_brief"}


def _may_read(user, kind: str) -> bool:
    if kind == DistrictDocument.Kind.BRIEF:
        return access.may_read_leader_brief(user)
    return access.may_read_district_report(user)


@login_required
def district_document(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """Ask for the year's district report or leader's brief, follow its build, download it."""
    if not _may_read(request.user, kind):
        raise Http404
    years.open_cycle(year)
    url_name = f"assessment:{DISTRICT_URL_NAMES[kind]}"
    if request.method == "POST":
        attempt(
            request,
            lambda: services.district_document_request(kind=kind, year=year, requested_by=request.user),
            _("The document is being written."),
        )
        return redirect(url_name, year=year)
    document = DistrictDocument.objects.filter(kind=kind, year=year).select_related("requested_by").first()
    return render(
        request,
        "assessment/district_document.html",
        {
            "kind": kind,
            "kind_label": DistrictDocument.Kind(kind).label,
            "year": year,
            "document": document,
            "building": document is not None and document.is_building,
            "url_name": url_name,
        },
    )


@login_required
def district_document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(DistrictDocument.objects.filter(status=DistrictDocument.Status.READY), pk=pk)
    if not _may_read(request.user, document.kind):
        raise Http404
    brief = document.kind == DistrictDocument.Kind.BRIEF
    return download_response(document.file, services.district_file_name(document), PDF if brief else DOCX)
