"""Oversight as spreadsheets: who filed plans and reports, joint meetings, inspections and rectifications
(agencies.spreadsheets does the writing)."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response

from . import selectors


def filings_response(agencies, year: int) -> FileResponse:
    """Each agency of the overview, as filtered: its annual plan and report of ``year``."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
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


def meetings_response(meetings) -> FileResponse:
    """Joint meetings listed, as filtered."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
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


def inspections_response(inspections) -> FileResponse:
    """Inspections listed, as filtered."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
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


def rectifications_response(findings, today: dt.date) -> FileResponse:
    """Findings to rectify, as filtered; overdue as of ``today``."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
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
