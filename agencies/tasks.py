"""Celery tasks of the base app: thin shells over ``agencies.outbox`` and ``agencies.notices``."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import notices, outbox, submissions


@shared_task(name="agencies.run_outbox_job")
def run_outbox_job(job_id: int) -> bool:
    return outbox.run(job_id)


@shared_task(name="agencies.drain_outbox")
def drain_outbox() -> int:
    """Beat's every-minute call: send the worker what waits (a broker that was down, a worker that died)."""
    return outbox.drain()


@shared_task(name="agencies.prune_form_submissions")
def prune_form_submissions() -> int:
    """Beat's daily call: forget the one-time form tokens of past days."""
    return submissions.submissions_prune()


# Emails now leave through the outbox; this name stays so that messages queued before it still run (each
# (reminder, address) is recorded, so one that was sent meanwhile is not sent again).
@shared_task(
    name="puffa.tasks.send_reminder_email",
    autoretry_for=(OSError,),  # smtplib.SMTPException and connection failures are OSErrors
    retry_backoff=settings.PUFFA_REMINDER_EMAIL_RETRY_BACKOFF,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=settings.PUFFA_REMINDER_EMAIL_MAX_RETRIES,
)
def send_reminder_email(address: str, name: str, reminder_ids: list[int]) -> bool:
    return notices.reminder_email_send(address=address, name=name, reminder_ids=reminder_ids)
