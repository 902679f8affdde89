"""The Celery tasks (puffa/tasks.py): the daily run beat starts, and the email with retries."""

import datetime as dt

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from agencies import outbox
from agencies.models import Notification, OutboxJob, ReminderEmail, ReminderLog
from agencies.tasks import drain_outbox
from puffa.celery import app
from puffa.tasks import daily_reminders, send_reminder_email

from .reminder_data import SHANGHAI, contact


def test_beat_runs_the_reminders_every_day_at_8_in_shanghai():
    [entry] = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == daily_reminders.name]
    assert entry["schedule"] == crontab(hour=8, minute=0)
    assert app.conf.timezone == "Asia/Shanghai"
    assert daily_reminders.name in app.tasks and send_reminder_email.name in app.tasks


def test_the_tasks_are_acknowledged_late_so_a_dead_worker_s_task_is_delivered_again():
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost


def test_the_daily_task_run_twice_gives_one_set_of_reminders(
    agency_a, staff_a, celery_eager, django_capture_on_commit_callbacks, mailoutbox
):
    contact(agency_a, "contact-a@puffa.example")
    with time_machine.travel(dt.datetime(2027, 1, 29, 8, 0, tzinfo=SHANGHAI), tick=False):
        for _delivery in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                daily_reminders.delay()
    assert ReminderLog.objects.filter(agency=agency_a).count() == 1
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    assert len(mailoutbox) == 2  # staff_a and the contact, once each


def test_the_daily_task_takes_a_day(agency_a, staff_a, celery_eager):
    daily_reminders.delay("2027-02-14")
    assert ReminderLog.objects.get(agency=agency_a).stage == "d14"


def _retry_now() -> int:
    """What the outbox does once each waiting job's backoff has passed (run_reminders, beat)."""
    OutboxJob.objects.filter(status=OutboxJob.Status.PENDING).update(run_after=timezone.now())
    return outbox.drain(here=True)


def test_a_mail_server_that_fails_twice_then_works_gives_one_email(
    agency_a, staff_a, flaky_mail, celery_eager, django_capture_on_commit_callbacks, mailoutbox
):
    flaky_mail.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        daily_reminders.delay("2027-01-29")
    assert flaky_mail.attempts == 1 and mailoutbox == []
    job = OutboxJob.objects.get()
    assert job.status == OutboxJob.Status.PENDING and job.run_after > timezone.now()  # backing off
    _retry_now()
    _retry_now()
    assert flaky_mail.attempts == 3
    assert [message.to for message in mailoutbox] == [["a@puffa.example"]]
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    assert not ReminderEmail.objects.exclude(status=ReminderEmail.Status.SENT).exists()
    _retry_now()
    assert len(mailoutbox) == 1


def test_a_mail_server_that_stays_down_loses_no_notification(
    agency_a, staff_a, flaky_mail, celery_eager, django_capture_on_commit_callbacks, mailoutbox
):
    flaky_mail.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        daily_reminders.delay("2027-01-29")
    while _retry_now():
        pass
    assert flaky_mail.attempts == outbox.MAX_ATTEMPTS  # then it gives up
    assert OutboxJob.objects.get().status == OutboxJob.Status.FAILED
    assert mailoutbox == []
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    assert ReminderLog.objects.filter(agency=agency_a).count() == 1


def test_the_email_task_backs_off_exponentially():
    assert send_reminder_email.autoretry_for == (OSError,)
    assert send_reminder_email.retry_backoff == settings.PUFFA_REMINDER_EMAIL_RETRY_BACKOFF
    assert send_reminder_email.retry_backoff_max == 3600


@pytest.mark.django_db
def test_an_email_for_reminders_that_no_longer_exist_sends_nothing(mailoutbox):
    assert send_reminder_email("x@puffa.example", "某人", [12345]) is False
    assert mailoutbox == []


def test_beat_drains_the_outbox_every_minute():
    [entry] = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == "agencies.drain_outbox"]
    assert entry["schedule"] == 60.0
    assert drain_outbox.name == "agencies.drain_outbox" and drain_outbox.name in app.tasks
