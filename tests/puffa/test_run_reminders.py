"""python manage.py run_reminders [--date] [--dry-run]."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from agencies.models import Notification, ReminderLog

from .reminder_data import SHANGHAI


def run(*args) -> str:
    out = StringIO()
    call_command("run_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_sends_the_days_reminders_and_prints_one_line_each(agency_a, staff_a):
    output = run("--date", "2027-02-01")
    lines = output.strip().splitlines()
    assert len(lines) == 4  # A, its parent, the summary, and the email jobs it ran
    assert any("区市场监管局" in line and "2027年2月28日" in line for line in lines)
    assert "2" in lines[2]
    assert Notification.objects.filter(recipient=staff_a).count() == 1


@pytest.mark.django_db
def test_a_dry_run_prints_what_it_would_send_and_sends_nothing(agency_a, staff_a):
    output = run("--date", "2027-02-01", "--dry-run")
    assert "区市场监管局" in output
    assert not ReminderLog.objects.exists() and not Notification.objects.exists()


@pytest.mark.django_db
def test_run_twice_it_sends_nothing_the_second_time(agency_a):
    run("--date", "2027-02-01")
    second = run("--date", "2027-02-01").strip().splitlines()
    assert len(second) == 1 and "0" in second[0]
    assert ReminderLog.objects.count() == 2


@pytest.mark.django_db
def test_without_a_date_it_runs_for_today_in_shanghai(agency_a):
    # 23:30 UTC on 28 January is already 29 January in Shanghai: the 30-day stage
    with time_machine.travel(dt.datetime(2027, 1, 28, 23, 30, tzinfo=dt.UTC), tick=False):
        run()
    assert ReminderLog.objects.get(agency=agency_a).sent_on == dt.date(2027, 1, 29)


@pytest.mark.django_db
def test_the_day_before_in_shanghai_sends_nothing(agency_a):
    with time_machine.travel(dt.datetime(2027, 1, 28, 23, 59, tzinfo=SHANGHAI), tick=False):
        run()
    assert not ReminderLog.objects.exists()


@pytest.mark.django_db
def test_a_wrong_date_is_refused():
    with pytest.raises(CommandError):
        run("--date", "2027-02-30")
