"""Rectification deadlines in the daily reminder run: three days before, the day after, once each."""

import datetime as dt

from agencies.models import Notification, ReminderLog
from puffa.reminders import reminders_send


def test_the_daily_run_reminds_the_agency_before_and_after_the_deadline_once(finding_a, staff_a, staff_b):
    # finding_a is due on 30 September 2026.
    reminders_send(on=dt.date(2026, 9, 26))
    assert not Notification.objects.filter(recipient=staff_a, reminder__kind="rectification").exists()
    reminders_send(on=dt.date(2026, 9, 27))
    reminders_send(on=dt.date(2026, 9, 27))  # a repeated run sends nothing twice
    before = Notification.objects.get(recipient=staff_a, reminder__kind="rectification")
    assert "2026-09-30" in before.title
    assert before.url == f"/oversight/rectifications/{finding_a.pk}/"
    reminders_send(on=dt.date(2026, 9, 30))
    assert Notification.objects.filter(recipient=staff_a, reminder__kind="rectification").count() == 1
    reminders_send(on=dt.date(2026, 10, 1))
    assert Notification.objects.filter(recipient=staff_a, reminder__kind="rectification").count() == 2
    assert set(ReminderLog.objects.filter(kind="rectification").values_list("stage", flat=True)) == {
        "before_3_days",
        "overdue_1_day",
    }
    assert not Notification.objects.filter(recipient=staff_b, reminder__kind="rectification").exists()
