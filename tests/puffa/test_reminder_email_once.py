"""Each reminder reaches each address by email at most once: whatever runs twice, whatever dies mid-send."""

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from agencies import outbox
from agencies.models import OutboxJob, ReminderEmail
from puffa import reminders

from .reminder_data import contact

DAY = dt.date(2027, 1, 29)


@pytest.fixture
def queued(agency_a, staff_a):
    """The day's run for A (staff_a and a contact): two emails waiting in the outbox, not yet run."""
    contact(agency_a, "contact-a@puffa.example")
    reminders.reminders_send(on=DAY)
    assert OutboxJob.objects.count() == 2
    return list(OutboxJob.objects.order_by("pk"))


def test_a_job_run_twice_sends_each_email_once(queued, mailoutbox):
    for job in queued:
        outbox.run(job.pk)
        OutboxJob.objects.filter(pk=job.pk).update(status=OutboxJob.Status.PENDING)  # a redelivery after the send
        outbox.run(job.pk)
    assert sorted(message.to[0] for message in mailoutbox) == ["a@puffa.example", "contact-a@puffa.example"]
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {ReminderEmail.Status.SENT}


def test_a_worker_killed_mid_send_sends_nothing_again_and_the_email_is_reported(queued, mailoutbox, settings):
    # The worker marked the email "sending", then died before the server answered.
    ReminderEmail.objects.filter(address="a@puffa.example").update(status=ReminderEmail.Status.SENDING)
    OutboxJob.objects.update(
        status=OutboxJob.Status.RUNNING,
        started_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS + 1),
    )
    assert outbox.drain(here=True) == 2  # both jobs taken again
    assert [message.to for message in mailoutbox] == [["contact-a@puffa.example"]]
    ReminderEmail.objects.filter(address="a@puffa.example").update(
        changed_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS + 1)
    )
    errors = StringIO()
    call_command("run_reminders", "--date", DAY.isoformat(), stdout=StringIO(), stderr=errors)
    assert "a@puffa.example" in errors.getvalue() and "不再重发" in errors.getvalue()
    assert ReminderEmail.objects.get(address="a@puffa.example").status == ReminderEmail.Status.UNCERTAIN
    assert len(mailoutbox) == 1


def test_a_server_that_fails_while_taking_the_email_is_not_tried_again(queued, mailoutbox, monkeypatch):
    def drop(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", drop)
    for job in queued:
        outbox.run(job.pk)
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {ReminderEmail.Status.UNCERTAIN}
    assert set(OutboxJob.objects.values_list("status", flat=True)) == {OutboxJob.Status.DONE}
