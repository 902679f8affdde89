"""Celery tasks: thin shells over ``puffa.reminders``. Beat runs ``daily_reminders`` at 08:00 Asia/Shanghai."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from agencies.tasks import send_reminder_email  # noqa: F401  (its old home, kept for callers)

from . import reminders


@shared_task
def daily_reminders(on: str | None = None) -> int:
    """Send the day's reminders (today, or the ISO date given). Safe to run twice or to be redelivered."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return len(reminders.reminders_send(on=day))
