"""The ledger and the checklist as spreadsheets (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from agencies import spreadsheets
from checklists import exports as checklist_exports
from checklists.models import ChecklistItem

from . import selectors
from .models import Activity


def ledger_columns() -> list[spreadsheets.Column]:
    """The ledger's columns, each with its kind: 100,000 rows are written without looking at each value's type."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    C, S = spreadsheets.Column, spreadsheets
    return [
        C(_("No."), 6, S.NUMBER),
        C(_("Date"), 12, S.DATE),
        C(_("End date"), 12, S.DATE),
        C(_("Duty"), 22, S.TEXT),
        C(_("Activity type"), 24, S.TEXT),
        C(_("Six-places target"), 10, S.TEXT),
        C(_("Activity title"), 36, S.TEXT),
        C(_("Place"), 20, S.TEXT),
        C(_("Audiences"), 24, S.TEXT),
        C(_("Audience details"), 20, S.TEXT),
        C(_("People reached"), 10, S.NUMBER),
        C(_("Checklist item"), 36, S.TEXT),
        C(_("Campaign"), 30, S.TEXT),
        C(_("Evidence files"), 8, S.NUMBER),
        C(_("Links"), 30, S.TEXT),
        C(_("Description"), 40, S.TEXT),
        C(_("Logged by"), 12, S.TEXT),
        C(_("Logged at"), 18, S.DATETIME),
    ]


def checklist_columns() -> list[spreadsheets.Column]:
    """An archive's checklist sheet: the checklist's items under their plain column names."""
    return checklist_exports.listed_columns(checklist_exports.item_layout())


def checklist_rows(items: Iterable[ChecklistItem]) -> Iterator[list]:
    layout = checklist_exports.item_layout()
    return (checklist_exports.item_values(item, layout) for item in items)


def ledger_workbook(activities: QuerySet[Activity], year: int) -> Workbook:
    """The ledger as a write-only workbook; rows stream from the database when it is saved."""
    workbook = spreadsheets.new_workbook()
    rows = selectors.ledger_rows(activities)
    spreadsheets.add_sheet(workbook, _("Ledger %(year)d") % {"year": year}, ledger_columns(), rows)
    return workbook


def overview_response(agencies, year: int, *, minimum: int, show: str = selectors.OVERVIEW_ALL) -> FileResponse:
    """履职情况总览 as a one-sheet .xlsx: the same figures as the page, every agency of the tab."""
    C = spreadsheets.Column
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        C(_("Agency"), 30),
        C(_("Filing office"), 20),
        C(_("★ study sessions"), 10),
        C(_("Study minimum"), 10),
        C(_("Study minimum met"), 10),
        C(_("Activities"), 10),
        C(_("People reached"), 12),
        C(_("Annual archive"), 12),
        C(_("Archive filed at"), 18),
    ]
    yes, no, not_required = _("yes"), _("no"), _("not required")
    rows = (
        [
            agency.name,
            agency.filing_office.name,
            agency.study_sessions,
            minimum if agency.subject_to_study_minimum else not_required,
            (yes if agency.study_met else no) if agency.subject_to_study_minimum else not_required,
            agency.activity_count,
            agency.people_reached,
            _("filed") if agency.archive_filed else _("not filed"),
            agency.archive_filed_at if agency.archive_filed else None,
        ]
        for agency in agencies.iterator(chunk_size=2000)
    )
    tab = {selectors.OVERVIEW_BELOW: _("Below the study minimum"), selectors.OVERVIEW_UNFILED: _("Archive not filed")}
    if show in tab:  # each tab's file named apart
        name = _("%(year)d activities by agency, %(tab)s.xlsx") % {"year": year, "tab": tab[show]}
    else:
        name = _("%(year)d activities by agency.xlsx") % {"year": year}
    return spreadsheets.export_response(name, _("Activities by agency"), columns, rows)
