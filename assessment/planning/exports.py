"""Who filed multi-year plans and key work, as a spreadsheet (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response

from . import selectors


def overview_response(agencies, year: int) -> FileResponse:
    """Each agency of the overview, as filtered: its multi-year plan and its key work of ``year``."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
    columns = [
        Column(_("Agency"), 34),
        Column(_("Filing office"), 24),
        Column(_("Multi-year plan"), 14),
        Column(_("Plan filed at"), 18),
        Column(_("Key work items"), 10),
        Column(_("Key work filed at"), 18),
    ]
    rows = (
        (
            row.agency.name,
            row.agency.filing_office.name,
            row.plan.period if row.plan else _("Not filed"),
            row.plan.filed_at if row.plan else None,
            row.key_work.item_count if row.key_work else 0,
            row.key_work.filed_at if row.key_work else None,
        )
        for row in selectors.planning_rows(agencies)
    )
    return export_response(_("Multi-year plans and key work %(year)s.xlsx") % {"year": year}, str(year), columns, rows)
