"""The checklist items import: its template, and reading an uploaded template into items. Its columns are the
export's (``exports.item_layout``), so an exported checklist can be filled in again and imported.
"""

from __future__ import annotations

import datetime as dt
import re

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
    new_workbook,
    open_upload,
    text,
    workbook_response,
)
from agencies.vocabulary import ActivityType, Audience

from .exports import item_columns, item_layout, joined
from .forms import ItemForm
from .models import Checklist
from .services import ItemData, TransitionError, checklist_items_import

SEPARATORS = re.compile(r"[、，,;；\n]+")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def import_template() -> FileResponse:
    """The import template: the columns on the first sheet, and how to fill them in on the second."""
    workbook = new_workbook()
    add_sheet(workbook, _("Checklist items"), item_columns(), [])
    # What to write in each column, one row per column of the template: the words are each column's own.
    guide = [
        [_("Order"), _("Optional; items are listed by this number.")],
        [_("Content"), _("Required.")],
        [_("Laws covered"), _("Optional; titles as in the law catalogue, separated by 、.")],
        [_("Responsible office"), _("Required.")],
        [_("Contact person"), _("Required.")],
        [_("Audiences"), _("Required; one or more of: %(values)s.") % {"values": joined(Audience.labels)}],
        [_("Start date"), _("Required; a date in the checklist's year, such as 2026-03-01.")],
        [_("End date"), _("Required; a date in the checklist's year, not before the start date.")],
        [_("Goal"), _("Required.")],
        [_("Planned activities"), _("A whole number; empty means 0.")],
        [_("Planned people reached"), _("A whole number; empty means 0.")],
        [_("Forms"), _("Required; one or more of: %(values)s.") % {"values": joined(ActivityType.labels)}],
    ]
    add_sheet(workbook, _("How to fill in"), [Column(_("Column"), 20), Column(_("What to write"), 100)], guide)
    return workbook_response(workbook, _("Checklist items import template.xlsx"))


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


def _expected_headers() -> list[set[str]]:
    current = [column.header for column in item_columns()]
    with translation.override("zh-hans"):
        chinese = [column.header for column in item_columns()]
    return [{a, b} for a, b in zip(current, chinese, strict=True)]


def parse_items(upload, checklist: Checklist) -> list[ItemData]:
    """Every row of an uploaded template as items for ``checklist``. Raises ``ValidationError`` for a file
    that cannot be read (not .xlsx, corrupt, too large, too many rows, not our template) and
    ``RowsRefused`` listing every bad row; returns items only when every row is right."""
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
    layout = item_layout()
    labels = {column.field: column.label for column in layout}
    items, errors = [], []
    for number, values in data_rows(sheet):
        cells = dict(zip((column.field for column in layout), (*values, *([None] * len(layout))), strict=False))
        row = _Row()
        data = {
            "position": text(cells["position"]),
            "content": text(cells["content"]),
            "laws": row.laws(cells["laws"], catalogue),
            "responsible_office": text(cells["responsible_office"]),
            "contact_person": text(cells["contact_person"]),
            "contact_phone": text(cells["contact_phone"]),
            "audiences": row.choices("audiences", cells["audiences"], audiences, labels["audiences"]),
            "audience_group": text(cells["audience_group"]),
            "start_date": row.date("start_date", cells["start_date"], labels["start_date"]),
            "end_date": row.date("end_date", cells["end_date"], labels["end_date"]),
            "goal": text(cells["goal"]),
            "target_activities": text(cells["target_activities"]) or "0",
            "target_people": text(cells["target_people"]) or "0",
            "forms": row.choices("forms", cells["forms"], forms, labels["forms"]),
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
        errors.append(RefusedRow(number, row.reasons))
    if errors:
        raise RowsRefused(errors)
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
    except (TransitionError, PermissionDenied) as error:
        raise ValidationError(str(error)) from None
