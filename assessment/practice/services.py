"""Writes for good practice: the bureau marks, re-words and unmarks; nothing else writes a ``GoodPractice``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Activity
from agencies import access
from agencies.models import User

from ..oversight.models import AnnualFiling, JointMeeting
from .models import GoodPractice

Source = Activity | AnnualFiling | JointMeeting


def _source_field(source: Source) -> str:
    if isinstance(source, Activity):
        if source.deleted_at is not None:
            raise ValidationError(_("A deleted activity cannot be a good practice."), code="deleted")
        return "activity"
    if isinstance(source, AnnualFiling):
        if source.kind != AnnualFiling.Kind.REPORT:
            raise ValidationError(_("Only a year-end work report can be a good practice."), code="not_report")
        return "report"
    return "meeting"


@transaction.atomic
def practice_mark(*, user: User, source: Source, note: str) -> GoodPractice:
    """Mark a source as a good practice, or change the note of one already marked."""
    access.require_practice_marker(user)
    note = note.strip()
    if not note:
        raise ValidationError(_("Say in a few words what makes it a good practice."), code="note_required")
    field = _source_field(source)
    practice = GoodPractice.objects.select_for_update().filter(**{field: source}).first()
    if practice is None:
        practice = GoodPractice(**{field: source})
    practice.note, practice.marked_by, practice.marked_at = note, user, timezone.now()
    try:
        with transaction.atomic():
            practice.save()
    except IntegrityError as error:  # two marks of the same source at once: the other one won
        raise ValidationError(_("It was marked a moment ago; open it again."), code="marked_twice") from error
    return practice


@transaction.atomic
def practice_unmark(*, user: User, practice: GoodPractice) -> None:
    """No longer a good practice: the mark goes, and the meetings that cited it no longer do."""
    access.require_practice_marker(user)
    GoodPractice.objects.filter(pk=practice.pk).delete()
