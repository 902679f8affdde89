"""Checklists as spreadsheets: one checklist, the district's published list and the filing overview. Built on
``agencies.spreadsheets``.

A checklist item's columns are laid out once, in ``item_layout``: the export of one checklist, the district's
list, an activity archive's checklist sheet and the import template (``checklists.imports``) all read it, so an
exported checklist can be filled in again and imported into next year's draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response

from .models import Checklist, ChecklistItem
from .selectors import FILING_STATUS_LABELS, TIMING_LABELS


@dataclass(frozen=True)
class ItemColumn:
    field: str  # the ItemForm field an import fills from this column
    label: str  # the column's name in messages and in the district's list
    header: str  # its header in one checklist's export and the import template (lists say how to separate)
    width: int
    value: Callable[[ChecklistItem], Any]


def joined(values) -> str:
    return "、".join(str(value) for value in values)


def _laws(item: ChecklistItem) -> str:
    return joined(law.title for law in item.laws.all())


def _audiences(item: ChecklistItem) -> str:
    return joined(item.audience_labels)


def _forms(item: ChecklistItem) -> str:
    return joined(item.form_labels)


def item_layout() -> list[ItemColumn]:
    """A checklist item's columns, in order."""
    C = ItemColumn
    return [
        C("position", _("Order"), _("Order"), 6, attrgetter("position")),
        C("content", _("Content"), _("Content"), 40, attrgetter("content")),
        C("laws", _("Laws covered"), _("Laws covered (separate with 、)"), 36, _laws),
        C("responsible_office", _("Responsible office"), _("Responsible office"), 16, attrgetter("responsible_office")),
        C("contact_person", _("Contact person"), _("Contact person"), 10, attrgetter("contact_person")),
        C("contact_phone", _("Contact phone"), _("Contact phone"), 16, attrgetter("contact_phone")),
        C("audiences", _("Audiences"), _("Audiences (separate with 、)"), 30, _audiences),
        C("audience_group", _("Named group"), _("Named group"), 16, attrgetter("audience_group")),
        C("start_date", _("Start date"), _("Start date"), 12, attrgetter("start_date")),
        C("end_date", _("End date"), _("End date"), 12, attrgetter("end_date")),
        C("goal", _("Goal"), _("Goal"), 36, attrgetter("goal")),
        C("target_activities", _("Planned activities"), _("Planned activities"), 10, attrgetter("target_activities")),
        C("target_people", _("Planned people reached"), _("Planned people reached"), 12, attrgetter("target_people")),
        C("forms", _("Forms"), _("Forms (separate with 、)"), 30, _forms),
    ]


def item_columns() -> list[Column]:
    """One checklist's columns, as exported and as the import template has them."""
    return [Column(column.header, column.width) for column in item_layout()]


def listed_columns(layout: list[ItemColumn]) -> list[Column]:
    """Item columns under their plain names, as the district's list and an activity archive show them."""
    return [Column(column.label, column.width) for column in layout]


def item_values(item: ChecklistItem, layout: list[ItemColumn]) -> list:
    return [column.value(item) for column in layout]


def checklist_export(checklist: Checklist, items) -> FileResponse:
    name = _("%(agency)s %(year)s legal-education responsibility checklist (revision %(revision)s).xlsx") % {
        "agency": checklist.agency.display_name,
        "year": checklist.year,
        "revision": checklist.revision,
    }
    layout = item_layout()
    rows = (item_values(item, layout) for item in items)
    return export_response(name, _("Checklist"), item_columns(), rows)


def district_export(year: int, items, district: str) -> FileResponse:
    """The district's published list: approved checklists only, and no phone numbers."""
    layout = [column for column in item_layout() if column.field != "contact_phone"]
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Agency"), 30),
        Column(_("Type"), 16),
        Column(_("Level"), 10),
        Column(_("Revision"), 6),
        *listed_columns(layout),
    ]

    def rows():
        for item in items:
            agency = item.checklist.agency
            yield [
                agency.name,
                agency.get_agency_type_display(),
                agency.get_level_display(),
                item.checklist.revision,
                *item_values(item, layout),
            ]

    name = _("%(district)s %(year)s legal-education responsibility list.xlsx") % {"district": district, "year": year}
    return export_response(name, _("Responsibility list"), columns, rows())


DECIDED = (Checklist.Status.APPROVED, Checklist.Status.RETURNED)


def overview_export(year: int, rows) -> FileResponse:
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Agency"), 30),
        Column(_("Type"), 16),
        Column(_("Level"), 10),
        Column(_("Filing office"), 20),
        Column(_("Status"), 10),
        Column(_("On time or late"), 14),
        Column(_("First submitted at"), 18),
        Column(_("Decided at"), 18),
        Column(_("Amendment under way"), 10),
        Column(_("Enforced laws covered"), 12),
    ]
    name = _("%(year)s checklist filing overview.xlsx") % {"year": year}
    return export_response(
        name,
        _("Filing overview"),
        columns,
        (
            [
                agency.name,
                agency.get_agency_type_display(),
                agency.get_level_display(),
                agency.filing_office.name,
                str(FILING_STATUS_LABELS[agency.filing_status]),
                str(TIMING_LABELS[agency.timing]),
                agency.first_submitted_at,
                # Approved or returned: the reviewer's decision (another status has none yet, or a new submission).
                agency.approved_at if agency.filing_status in DECIDED else None,
                _("yes") if agency.amendment_open else "",
                f"{agency.laws_covered}/{agency.laws_enforced}" if agency.laws_enforced else "",
            ]
            for agency in rows
        ),
    )
