"""Celery tasks of the base app: thin shells over ``agencies.notices``."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import notices


# The name it had when only the daily run sent email: messages already queued under it still run.
@shared_task(
    name="puffa.tasks.send_reminder_email",
    autoretry_for=(OSError,),  # smtplib.SMTPException and connection failures are OSErrors
    retry_backoff=settings.PUFFA_REMINDER_EMAIL_RETRY_BACKOFF,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=settings.PUFFA_REMINDER_EMAIL_MAX_RETRIES,
)
def send_reminder_email(address: str, name: str, reminder_ids: list[int]) -> bool:
    """One email with all of an address's reminders and notices of a run; the in-app notifications are saved."""
    return notices.reminder_email_send(address=address, name=name, reminder_ids=reminder_ids)
