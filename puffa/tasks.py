"""Celery tasks: thin shells over ``puffa.reminders``. Beat runs ``daily_reminders`` at 08:00 Asia/Shanghai."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import reminders


@shared_task
def daily_reminders(on: str | None = None) -> int:
    """Send the day's reminders (today, or the ISO date given). Safe to run twice or to be redelivered."""
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return len(reminders.reminders_send(on=day))


@shared_task(
    autoretry_for=(OSError,),  # smtplib.SMTPException and connection failures are OSErrors
    retry_backoff=settings.PUFFA_REMINDER_EMAIL_RETRY_BACKOFF,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=settings.PUFFA_REMINDER_EMAIL_MAX_RETRIES,
)
def send_reminder_email(address: str, name: str, reminder_ids: list[int]) -> bool:
    """One email with all of an address's reminders of a run; the in-app notifications are already saved."""
    return reminders.reminder_email_send(address=address, name=name, reminder_ids=reminder_ids)
