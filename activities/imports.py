"""The activity import template, and reading it: each row into ``ActivityFields``, or the reasons it cannot be.

The rules an activity obeys are checked afterwards by ``services.activities_import``; here only what a
cell must look like (a date, a known type, a number, an item of the checklist, a law of the catalogue).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext as _

from agencies import spreadsheets
from agencies.models import Law
from agencies.vocabulary import ActivityType, Audience, SixPlaces
from checklists.models import ChecklistItem

SPLIT = re.compile(r"[、,，;；\n]+")


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    width: int
    required: bool = False


def template_columns() -> list[TemplateColumn]:
    # The template's own columns and widths, written out: every import and export names different columns, so a
    # shared list would fit none.
    return [
        TemplateColumn(_("Date"), 12, True),
        TemplateColumn(_("End date"), 12),
        TemplateColumn(_("Activity type"), 26, True),
        TemplateColumn(_("Six-places target"), 12),
        TemplateColumn(_("Activity title"), 36, True),
        TemplateColumn(_("Place"), 20),
        TemplateColumn(_("Audiences"), 24),
        TemplateColumn(_("Audience details"), 20),
        TemplateColumn(_("People reached"), 10),
        TemplateColumn(_("Checklist item no."), 10),
        TemplateColumn(_("Laws covered"), 30),
        TemplateColumn(_("Description"), 40),
        TemplateColumn(_("Links"), 30),
    ]


def template_response() -> FileResponse:
    """The import template: its columns (required ones marked *) on one sheet, how to fill them in on another."""
    workbook = spreadsheets.new_workbook()
    columns = [spreadsheets.Column(f"{c.header}{' *' if c.required else ''}", c.width) for c in template_columns()]
    spreadsheets.add_sheet(workbook, _("Activities"), columns, [])
    guide = [
        [_("Activity type"), "；".join(str(label) for _value, label in ActivityType.choices)],
        [_("Six-places target"), "；".join(str(label) for _value, label in SixPlaces.choices)],
        [_("Audiences"), "；".join(str(label) for _value, label in Audience.choices)],
        [_("Date"), _("A date cell, or text such as 2026-03-15; the end date only for several days.")],
        [_("Checklist item no."), _("The item's number in this year's approved checklist.")],
        [_("Laws covered"), _("Titles from the law catalogue, separated by “、”.")],
        [_("Links"), _("One web address per line.")],
        [_("Required"), _("Columns marked * are required; evidence files are added on each activity's page.")],
    ]
    spreadsheets.add_sheet(
        workbook,
        _("How to fill in"),
        [spreadsheets.Column(_("Column"), 16), spreadsheets.Column(_("Notes"), 100)],
        guide,
    )
    return spreadsheets.workbook_response(workbook, _("Activity import template.xlsx"))


def _lookup(choices) -> dict[str, str]:
    """Value by label in Chinese and English, and by value itself; ★ and spaces ignored."""
    table = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for value, label in choices:
                table[_key(str(label))] = value
    for value, _label in choices:
        table[_key(value)] = value
    return table


def _key(text: str) -> str:
    return re.sub(r"[\s★]", "", text).lower()


class RowParser:
    """Turns template rows into ``ActivityFields`` for one agency's year."""

    def __init__(self, items: list[ChecklistItem]):
        self.types = _lookup(ActivityType.choices)
        self.places = _lookup(SixPlaces.choices)
        self.audiences = _lookup(Audience.choices)
        self.items = {item.position: item for item in items}
        self.laws = {law.title: law for law in Law.objects.all()}

    def parse(self, values: tuple):
        """(ActivityFields, None) or (None, reasons)."""
        from .services import ActivityFields  # deliberately late: services imports this module at its top

        cells = list(values) + [None] * (13 - len(values))
        start_cell, end_cell, kind, place_target, title, place, audiences, note, people, item, laws = cells[:11]
        description, links = cells[11:13]
        errors: list[str] = []

        start = self._date(start_cell, _("Date"), errors, required=True)
        end = self._date(end_cell, _("End date"), errors)
        activity_type = self.types.get(_key(spreadsheets.text(kind)))
        if activity_type is None:
            errors.append(_("unknown activity type “%(value)s”") % {"value": spreadsheets.text(kind)})
        target = ""
        if spreadsheets.text(place_target):
            target = self.places.get(_key(spreadsheets.text(place_target)), "")
            if not target:
                errors.append(_("unknown six-places target “%(value)s”") % {"value": spreadsheets.text(place_target)})
        if not spreadsheets.text(title):
            errors.append(_("the title is missing"))
        audience_values = []
        for part in SPLIT.split(spreadsheets.text(audiences)):
            if part.strip():
                value = self.audiences.get(_key(part))
                if value is None:
                    errors.append(_("unknown audience “%(value)s”") % {"value": part.strip()})
                else:
                    audience_values.append(value)
        reached = self._number(people, errors)
        checklist_item = None
        if spreadsheets.text(item):
            number = self._number(item, errors, label=_("Checklist item no."))
            checklist_item = self.items.get(number)
            if number and checklist_item is None:
                errors.append(_("no item %(number)d in the approved checklist") % {"number": number})
        law_list = []
        for part in SPLIT.split(spreadsheets.text(laws)):
            title_text = part.strip()
            if title_text:
                law = self.laws.get(title_text) or self.laws.get(f"中华人民共和国{title_text}")
                if law is None:
                    errors.append(_("“%(value)s” is not in the law catalogue") % {"value": title_text})
                else:
                    law_list.append(law)
        if len(spreadsheets.text(title)) > 200:
            errors.append(_("the title is longer than 200 characters"))
        if errors:
            return None, errors
        return (
            ActivityFields(
                activity_type=activity_type,
                title=spreadsheets.text(title),
                start_date=start,
                end_date=end,
                six_places_target=target,
                place=spreadsheets.text(place)[:200],
                audiences=audience_values,
                audience_note=spreadsheets.text(note)[:200],
                people_reached=reached or 0,
                checklist_item=checklist_item,
                laws=law_list,
                description=spreadsheets.text(description),
                links=spreadsheets.text(links),
            ),
            [],
        )

    @staticmethod
    def _date(value, label: str, errors: list[str], required: bool = False) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = spreadsheets.text(value)
        if not text:
            if required:
                errors.append(_("%(column)s is missing") % {"column": label})
            return None
        for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        errors.append(_("%(column)s “%(value)s” is not a date") % {"column": label, "value": text})
        return None

    @staticmethod
    def _number(value, errors: list[str], label: str | None = None) -> int | None:
        text = spreadsheets.text(value)
        if not text:
            return None
        if not text.isdigit():
            errors.append(
                _("%(column)s “%(value)s” is not a whole number")
                % {"column": label or _("People reached"), "value": text}
            )
            return None
        return int(text)
