"""Checklists as spreadsheets: one checklist, the district's published list, the filing overview, and the
import of items from the downloadable template. Built on ``agencies.spreadsheets``.

The export of one checklist and the import template share their columns, so an exported checklist can be
filled in again and imported into next year's draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Law, User
from agencies.spreadsheets import (
    Column,
    RefusedRow,
    RowsRefused,
    add_sheet,
    data_rows,
    export_response,
    new_workbook,
    open_upload,
    text,
    workbook_response,
)
from agencies.validators import joined_reasons
from agencies.vocabulary import ActivityType, Audience

from .forms import ItemForm
from .models import Checklist, ChecklistItem
from .selectors import FILING_STATUS_LABELS, TIMING_LABELS
from .services import ItemData, TransitionError, checklist_items_import

SEPARATORS = re.compile(r"[、，,;；\n]+")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def _item_columns() -> list[Column]:
    return [
        Column(_("Order"), 6),
        Column(_("Content"), 40),
        Column(_("Laws covered (separate with 、)"), 36),
        Column(_("Responsible office"), 16),
        Column(_("Contact person"), 10),
        Column(_("Contact phone"), 16),
        Column(_("Audiences (separate with 、)"), 30),
        Column(_("Named group"), 16),
        Column(_("Start date"), 12),
        Column(_("End date"), 12),
        Column(_("Goal"), 36),
        Column(_("Planned activities"), 10),
        Column(_("Planned people reached"), 12),
        Column(_("Forms (separate with 、)"), 30),
    ]


def _joined(values) -> str:
    return "、".join(str(value) for value in values)


def _item_row(item: ChecklistItem) -> list:
    return [
        item.position,
        item.content,
        _joined(law.title for law in item.laws.all()),
        item.responsible_office,
        item.contact_person,
        item.contact_phone,
        _joined(item.audience_labels),
        item.audience_group,
        item.start_date,
        item.end_date,
        item.goal,
        item.target_activities,
        item.target_people,
        _joined(item.form_labels),
    ]


def checklist_export(checklist: Checklist, items) -> FileResponse:
    name = _("%(agency)s %(year)s legal-education responsibility checklist (revision %(revision)s).xlsx") % {
        "agency": checklist.agency.display_name,
        "year": checklist.year,
        "revision": checklist.revision,
    }
    return export_response(name, _("Checklist"), _item_columns(), (_item_row(item) for item in items))


def district_export(year: int, items, district: str) -> FileResponse:
    """The district's published list: approved checklists only, and no phone numbers."""
    columns = [
        Column(_("Agency"), 30),
        Column(_("Type"), 16),
        Column(_("Level"), 10),
        Column(_("Revision"), 6),
        Column(_("Order"), 6),
        Column(_("Content"), 40),
        Column(_("Laws covered"), 36),
        Column(_("Responsible office"), 16),
        Column(_("Contact person"), 10),
        Column(_("Audiences"), 30),
        Column(_("Named group"), 16),
        Column(_("Start date"), 12),
        Column(_("End date"), 12),
        Column(_("Goal"), 36),
        Column(_("Planned activities"), 10),
        Column(_("Planned people reached"), 12),
        Column(_("Forms"), 30),
    ]

    def rows():
        for item in items:
            agency = item.checklist.agency
            yield [
                agency.name,
                agency.get_agency_type_display(),
                agency.get_level_display(),
                item.checklist.revision,
                item.position,
                item.content,
                _joined(law.title for law in item.laws.all()),
                item.responsible_office,
                item.contact_person,
                _joined(item.audience_labels),
                item.audience_group,
                item.start_date,
                item.end_date,
                item.goal,
                item.target_activities,
                item.target_people,
                _joined(item.form_labels),
            ]

    name = _("%(district)s %(year)s legal-education responsibility list.xlsx") % {"district": district, "year": year}
    return export_response(name, _("Responsibility list"), columns, rows())


def overview_export(year: int, rows) -> FileResponse:
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
                agency.approved_at if agency.filing_status == Checklist.Status.APPROVED else None,
                _("yes") if agency.amendment_open else "",
                f"{agency.laws_covered}/{agency.laws_enforced}" if agency.laws_enforced else "",
            ]
            for agency in rows
        ),
    )


def import_template() -> FileResponse:
    """The import template: the columns on the first sheet, and how to fill them in on the second."""
    workbook = new_workbook()
    add_sheet(workbook, _("Checklist items"), _item_columns(), [])
    guide = [
        [_("Order"), _("Optional; items are listed by this number.")],
        [_("Content"), _("Required.")],
        [_("Laws covered"), _("Optional; titles as in the law catalogue, separated by 、.")],
        [_("Responsible office"), _("Required.")],
        [_("Contact person"), _("Required.")],
        [_("Audiences"), _("Required; one or more of: %(values)s.") % {"values": _joined(Audience.labels)}],
        [_("Start date"), _("Required; a date in the checklist's year, such as 2026-03-01.")],
        [_("End date"), _("Required; a date in the checklist's year, not before the start date.")],
        [_("Goal"), _("Required.")],
        [_("Planned activities"), _("A whole number; empty means 0.")],
        [_("Planned people reached"), _("A whole number; empty means 0.")],
        [_("Forms"), _("Required; one or more of: %(values)s.") % {"values": _joined(ActivityType.labels)}],
    ]
    add_sheet(workbook, _("How to fill in"), [Column(_("Column"), 20), Column(_("What to write"), 100)], guide)
    return workbook_response(workbook, _("Checklist items import template.xlsx"))


# --- import ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    reasons: list[str]

    @property
    def text(self) -> str:
        return joined_reasons(self.reasons)


class ImportRejected(Exception):
    """Some rows are wrong: nothing was imported. ``errors`` lists each bad row with its reasons."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} rows rejected")
        self.errors = errors


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a choice by its Chinese label, its label in the current language, or its stored value."""
    lookup = {value: value for value in choices.values}
    with translation.override("zh-hans"):
        lookup.update({str(label): value for value, label in choices.choices})
    lookup.update({str(label): value for value, label in choices.choices})
    return lookup


class _Row:
    """One spreadsheet row being read: the reasons it is wrong, and the fields that could not be read."""

    def __init__(self):
        self.reasons: list[str] = []
        self.unreadable: set[str] = set()

    def fail(self, field: str, reason: str) -> None:
        self.reasons.append(reason)
        self.unreadable.add(field)

    def choices(self, field: str, cell, lookup: dict[str, str], label: str) -> list[str]:
        values = []
        for part in SEPARATORS.split(text(cell)):
            part = part.strip()
            if part and part in lookup:
                values.append(lookup[part])
            elif part:
                self.fail(
                    field, _("%(what)s: “%(value)s” is not one of the allowed values.") % {"what": label, "value": part}
                )
        return values

    def date(self, field: str, cell, label: str) -> str:
        if isinstance(cell, dt.datetime):
            return cell.date().isoformat()
        if isinstance(cell, dt.date):
            return cell.isoformat()
        value = text(cell)
        for pattern in DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, pattern).date().isoformat()
            except ValueError:
                continue
        if value:
            self.fail(
                field,
                _("%(what)s: “%(value)s” is not a date (write it like 2026-03-01).") % {"what": label, "value": value},
            )
        return ""

    def laws(self, cell, catalogue: dict[str, int]) -> list[str]:
        ids = []
        for part in SEPARATORS.split(text(cell)):
            title = part.strip().strip("《》")
            found = catalogue.get(title) or catalogue.get(f"中华人民共和国{title}")
            if found is not None:
                ids.append(str(found))
            elif title:
                self.fail("laws", _("Laws covered: “%(title)s” is not in the law catalogue.") % {"title": title})
        return ids


def _field_labels() -> dict[str, str]:
    return {
        "position": _("Order"),
        "content": _("Content"),
        "laws": _("Laws covered"),
        "responsible_office": _("Responsible office"),
        "contact_person": _("Contact person"),
        "contact_phone": _("Contact phone"),
        "audiences": _("Audiences"),
        "audience_group": _("Named group"),
        "start_date": _("Start date"),
        "end_date": _("End date"),
        "goal": _("Goal"),
        "target_activities": _("Planned activities"),
        "target_people": _("Planned people reached"),
        "forms": _("Forms"),
    }


def _expected_headers() -> list[set[str]]:
    current = [column.header for column in _item_columns()]
    with translation.override("zh-hans"):
        chinese = [column.header for column in _item_columns()]
    return [{a, b} for a, b in zip(current, chinese, strict=True)]


def parse_items(upload, checklist: Checklist) -> list[ItemData]:
    """Every row of an uploaded template as items for ``checklist``. Raises ``ValidationError`` for a file
    that cannot be read (not .xlsx, corrupt, too large, too many rows, not our template) and
    ``ImportRejected`` listing every bad row; returns items only when every row is right."""
    sheet = open_upload(upload)
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    expected = _expected_headers()
    found = [text(value) for value in header][: len(expected)]
    if len(found) < len(expected) or any(cell not in names for cell, names in zip(found, expected, strict=True)):
        raise ValidationError(
            _("This is not the checklist items template: download the template and fill in its columns."),
            code="not_template",
        )
    law_choices = list(Law.objects.values_list("pk", "title"))
    catalogue = {title: pk for pk, title in law_choices}
    audiences, forms = _choice_lookup(Audience), _choice_lookup(ActivityType)
    labels = _field_labels()
    items, errors = [], []
    for number, values in data_rows(sheet):
        values = (*values, *([None] * len(expected)))[: len(expected)]
        row = _Row()
        data = {
            "position": text(values[0]),
            "content": text(values[1]),
            "laws": row.laws(values[2], catalogue),
            "responsible_office": text(values[3]),
            "contact_person": text(values[4]),
            "contact_phone": text(values[5]),
            "audiences": row.choices("audiences", values[6], audiences, labels["audiences"]),
            "audience_group": text(values[7]),
            "start_date": row.date("start_date", values[8], labels["start_date"]),
            "end_date": row.date("end_date", values[9], labels["end_date"]),
            "goal": text(values[10]),
            "target_activities": text(values[11]) or "0",
            "target_people": text(values[12]) or "0",
            "forms": row.choices("forms", values[13], forms, labels["forms"]),
        }
        form = ItemForm(data=data, year=checklist.year, law_choices=law_choices)
        if form.is_valid() and not row.reasons:
            items.append((form.cleaned_data.get("position") or 10_000, number, form.item_data()))
            continue
        for name, messages in form.errors.items():
            if name in row.unreadable:
                continue  # already said why it could not be read
            for message in messages:
                row.reasons.append(
                    _("%(column)s: %(message)s") % {"column": labels[name], "message": message}
                    if name in labels
                    else str(message)
                )
        errors.append(RowError(number, row.reasons))
    if errors:
        raise ImportRejected(errors)
    if not items:
        raise ValidationError(_("The file has no items under the header row."), code="empty")
    items.sort(key=lambda entry: (entry[0], entry[1]))
    for item in items:
        item[2].pk = None
    return [item for _position, _number, item in items]


def items_import_stored(*, upload, checklist_id: int, user_id: int) -> int:
    """A large items import run by a worker (agencies.import_jobs): read and imported as in the request; a
    checklist no longer editable by then refuses the file."""
    checklist, actor = Checklist.objects.get(pk=checklist_id), User.objects.get(pk=user_id)
    try:
        items = parse_items(upload, checklist)
        return checklist_items_import(checklist=checklist, actor=actor, items=items)
    except ImportRejected as rejected:
        raise RowsRefused([RefusedRow(error.row, error.text) for error in rejected.errors]) from None
    except (TransitionError, PermissionDenied) as error:
        raise ValidationError(str(error)) from None
