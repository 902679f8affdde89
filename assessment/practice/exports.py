"""Good practices as a spreadsheet (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response


def practices_response(practices) -> FileResponse:
    """Good practices listed, as filtered."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
    columns = [
        Column(_("Title"), 40),
        Column(_("Source"), 14),
        Column(_("Agency"), 30),
        Column(_("Date"), 12),
        Column(_("Why it is a good practice"), 60),
        Column(_("Marked by"), 14),
        Column(_("Marked at"), 18),
    ]
    district = settings.PUFFA_DISTRICT_NAME
    rows = (
        (
            p.title,
            p.get_source_display(),
            p.agency.name if p.agency else district,
            p.dated,
            p.note,
            p.marked_by.display_name,
            p.marked_at,
        )
        for p in practices.iterator(chunk_size=500)
    )
    return export_response(_("Good practices.xlsx"), _("Good practices"), columns, rows)
