"""A year's commendations and accountability measures as a spreadsheet (agencies.spreadsheets does the writing)."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, add_sheet, new_workbook, workbook_response

from . import selectors


def year_response(user, year: int, today: dt.date) -> FileResponse:
    """The commendations and the measures of ``year`` that ``user`` may see, one sheet each."""
    workbook = new_workbook()
    # This sheet's own headings and widths, written out: a shared list would name other columns.
    add_sheet(
        workbook,
        _("Commendations"),
        [
            Column(_("Agency"), 34),
            Column(_("Person commended"), 12),
            Column(_("Position"), 20),
            Column(_("Decision date"), 12),
            Column(_("Reason"), 60),
            Column(_("Decision document"), 30),
        ],
        (
            (c.agency.name, c.person_name, c.person_position, c.decided_on, c.reason, c.original_name)
            for c in selectors.year_commendations(user, year).iterator(chunk_size=500)
        ),
    )
    # This sheet's own headings and widths, written out: a shared list would name other columns.
    add_sheet(
        workbook,
        _("Accountability measures"),
        [
            Column(_("Agency"), 34),
            Column(_("Measure"), 14),
            Column(_("Decision date"), 12),
            Column(_("Reason"), 60),
            Column(_("Answer deadline"), 12),
            Column(_("Status"), 16),
            Column(_("Overdue"), 8),
            Column(_("Decision document"), 30),
        ],
        (
            (
                m.agency.name,
                m.get_kind_display(),
                m.decided_on,
                m.reason,
                m.deadline,
                m.get_status_display(),
                _("Yes") if m.is_overdue(today) else "",
                m.original_name,
            )
            for m in selectors.year_measures(user, year, today=today).iterator(chunk_size=500)
        ),
    )
    return workbook_response(workbook, _("Results use %(year)s.xlsx") % {"year": year})
