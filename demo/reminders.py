"""Demo reminders: the daily run replayed for past days of 2026, so inboxes and the bureau's log look lived in.

Runs after every app's demo data (last in ``seed_demo``), so the rules see the demo checklists and
activities. Idempotent: a replayed day finds its reminders already recorded and sends nothing again.
No email goes out for these old days.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F

from agencies.models import Notification
from puffa import reminders

# Days of 2026 the daily run is replayed for: the filing stages before and after the deadline, the study
# minimum's days, and the latest weekly overdue notice, which also catches up Constitution Day's campaign
# (due 20 November; the demo's today is 2026-11-26).
DEMO_DAYS = [
    "2026-01-29",
    "2026-02-14",
    "2026-02-21",
    "2026-02-25",
    "2026-02-27",
    "2026-03-01",
    "2026-03-08",
    "2026-07-01",
    "2026-10-01",
    "2026-11-22",
]
# Notifications older than this were read the morning after they arrived.
READ_BEFORE = "2026-10-01"
SEND_TIME = dt.time(8, 0)


@transaction.atomic
def seed() -> list:
    zone = ZoneInfo(settings.TIME_ZONE)
    for text in DEMO_DAYS:
        day = dt.date.fromisoformat(text)
        reminders.reminders_send(on=day, email=False, at=dt.datetime.combine(day, SEND_TIME, tzinfo=zone))
    read_before = dt.datetime.combine(dt.date.fromisoformat(READ_BEFORE), dt.time.min, tzinfo=zone)
    Notification.objects.filter(read_at__isnull=True, created_at__lt=read_before).update(
        read_at=F("created_at") + dt.timedelta(hours=25, minutes=30)
    )
    return []
