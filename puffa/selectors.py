"""Reads for the pages puffa itself serves, with their joins in place so templates never query."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from agencies import access
from agencies.models import ReminderLog, User


def reminder_log_list(user: User) -> QuerySet[ReminderLog]:
    """Reminders sent that the user may read: about agencies they see, and digests to their own office."""
    logs = ReminderLog.objects.select_related("agency", "filing_office", "sent_by").order_by("-sent_on", "-pk")
    if access.sees_all_agencies(user):
        return logs
    return logs.filter(
        Q(agency__in=access.visible_agencies(user)) | Q(agency__isnull=True, filing_office_id=user.filing_office_id)
    )
