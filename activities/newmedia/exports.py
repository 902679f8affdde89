"""The new-media cluster as a spreadsheet (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response


def cluster_response(accounts, year: int) -> FileResponse:
    """The cluster's accounts, as filtered, with their activities linked in ``year``."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Agency"), 30),
        Column(_("Filing office"), 20),
        Column(_("Platform"), 16),
        Column(_("Account name"), 24),
        Column(_("Link"), 40),
        Column(_("Note"), 24),
        Column(_("Status"), 10),
        Column(_("Linked activities in %(year)d") % {"year": year}, 14),
    ]
    rows = (
        (
            a.agency.name,
            a.agency.filing_office.name,
            a.get_platform_display(),
            a.name,
            a.url,
            a.note,
            _("Active") if a.is_active else _("Deactivated"),
            a.activity_count,
        )
        for a in accounts.iterator(chunk_size=500)
    )
    filename = _("%(year)d new-media cluster.xlsx") % {"year": year}
    return export_response(filename, _("New-media accounts"), columns, rows)
