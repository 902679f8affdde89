"""Writes for multi-year plans and key work: an agency's staff file their own; nothing else writes them.

- A multi-year plan covers two to ten years, starts in a year of the range, and does not overlap another plan
  of the same agency; filing again for the same period replaces the document.
- Key work is filed for an opened year, one to twenty items; filing again replaces the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.documents import delete_file_after_commit, stored_fields
from agencies.models import Agency, User

from ..uploads import OVERSIGHT_DOCUMENTS
from .models import (
    KEY_WORK_ITEM_LENGTH,
    KEY_WORK_MAX_ITEMS,
    PLAN_MAX_YEARS,
    PLAN_MIN_YEARS,
    KeyWork,
    KeyWorkItem,
    MultiYearPlan,
)


def check_period(first_year: int, last_year: int) -> None:
    """A sane period: it starts in a year of the range and covers two to ten years."""
    if not years.in_range(first_year):
        raise ValidationError(
            _("A plan starts between %(first)s and %(last)s.") % {"first": years.FIRST_YEAR, "last": years.last_year()},
            code="start_out_of_range",
        )
    if last_year < first_year:
        raise ValidationError(_("The last year cannot be before the first."), code="period_reversed")
    if not PLAN_MIN_YEARS <= last_year - first_year + 1 <= PLAN_MAX_YEARS:
        raise ValidationError(
            _("A multi-year plan covers %(min)s to %(max)s years.") % {"min": PLAN_MIN_YEARS, "max": PLAN_MAX_YEARS},
            code="period_length",
        )


@transaction.atomic
def plan_file(
    *, agency: Agency, user: User, first_year: int, last_year: int, file: UploadedFile | None = None
) -> MultiYearPlan:
    """File (or file again) an agency's multi-year plan for a period."""
    if not access.can_change(user, agency):
        raise PermissionDenied
    check_period(first_year, last_year)
    plans = MultiYearPlan.objects.select_for_update().filter(agency=agency)
    overlapping = (
        plans.filter(first_year__lte=last_year, last_year__gte=first_year).exclude(first_year=first_year).first()
    )
    if overlapping is not None:
        raise ValidationError(
            _("The period overlaps your plan for %(period)s.") % {"period": overlapping.period}, code="overlap"
        )
    plan = plans.filter(first_year=first_year).first()
    if plan is None:
        if file is None:
            raise ValidationError(_("Attach the document."), code="document_required")
        plan = MultiYearPlan(agency=agency, first_year=first_year)
    if file is not None:
        if plan.pk:
            delete_file_after_commit(plan.file)
        for name, value in stored_fields(OVERSIGHT_DOCUMENTS.inspect(file)).items():
            setattr(plan, name, value)
        plan.file = file
    plan.last_year = last_year
    plan.filed_by, plan.filed_at = user, timezone.now()
    plan.save()
    return plan


def clean_items(lines: Sequence[str]) -> list[str]:
    """The items of a list typed one a line: blank lines dropped; one to twenty, each at most 200 characters."""
    items = [line.strip() for line in lines if line.strip()]
    if not items:
        raise ValidationError(_("Write at least one key work item."), code="no_items")
    if len(items) > KEY_WORK_MAX_ITEMS:
        raise ValidationError(_("At most %(max)s key work items.") % {"max": KEY_WORK_MAX_ITEMS}, code="too_many_items")
    for number, item in enumerate(items, start=1):
        if len(item) > KEY_WORK_ITEM_LENGTH:
            raise ValidationError(
                _("Item %(number)s is longer than %(max)s characters.")
                % {"number": number, "max": KEY_WORK_ITEM_LENGTH},
                code="item_too_long",
            )
    return items


@transaction.atomic
def key_work_file(*, agency: Agency, user: User, year: int, items: Sequence[str]) -> KeyWork:
    """File (or file again) an agency's key work items for an opened year."""
    if not access.can_change(user, agency):
        raise PermissionDenied
    years.open_cycle(year)
    items = clean_items(items)
    key_work = KeyWork.objects.select_for_update().filter(agency=agency, year=year).first()
    if key_work is None:
        key_work = KeyWork(agency=agency, year=year)
    key_work.filed_by, key_work.filed_at = user, timezone.now()
    key_work.save()
    key_work.items.all().delete()
    KeyWorkItem.objects.bulk_create(
        KeyWorkItem(key_work=key_work, position=number, content=item) for number, item in enumerate(items, start=1)
    )
    return key_work
