"""What an amendment changes against the approved revision it amends, item by item (matched by key)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Checklist, ChecklistItem

# (field, label, how to show a value of it)
COMPARED_FIELDS = [
    ("content", _("Content"), lambda item: item.content),
    ("laws", _("Laws covered"), lambda item: "、".join(law.title for law in item.laws.all())),
    ("responsible_office", _("Responsible office"), lambda item: item.responsible_office),
    ("contact_person", _("Contact person"), lambda item: item.contact_person),
    ("contact_phone", _("Contact phone"), lambda item: item.contact_phone),
    ("audiences", _("Audiences"), lambda item: "、".join(item.audience_labels)),
    ("audience_group", _("Named group"), lambda item: item.audience_group),
    ("start_date", _("Start date"), lambda item: item.start_date.isoformat()),
    ("end_date", _("End date"), lambda item: item.end_date.isoformat()),
    ("goal", _("Goal"), lambda item: item.goal),
    ("target_activities", _("Planned activities"), lambda item: str(item.target_activities)),
    ("target_people", _("Planned people reached"), lambda item: str(item.target_people)),
    ("forms", _("Forms"), lambda item: "、".join(item.form_labels)),
]


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class ItemChange:
    before: ChecklistItem
    after: ChecklistItem
    fields: list[FieldChange]


@dataclass
class Changes:
    added: list[ChecklistItem] = field(default_factory=list)
    removed: list[ChecklistItem] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def none(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_items(before: ChecklistItem, after: ChecklistItem) -> list[FieldChange]:
    changes = []
    for _name, label, show in COMPARED_FIELDS:
        old, new = show(before), show(after)
        if old != new:
            changes.append(FieldChange(str(label), old, new))
    return changes


def compare_revisions(approved: Checklist, amendment: Checklist) -> Changes:
    """Both checklists come with their items and laws prefetched (``selectors.checklist_detail``)."""
    old = {item.key: item for item in approved.items.all()}
    new = {item.key: item for item in amendment.items.all()}
    changes = Changes(
        added=[item for key, item in new.items() if key not in old],
        removed=[item for key, item in old.items() if key not in new],
    )
    for key, item in new.items():
        if key in old:
            fields = compare_items(old[key], item)
            if fields:
                changes.changed.append(ItemChange(old[key], item, fields))
    return changes
