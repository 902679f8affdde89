"""A whole year of reminders with a frozen clock: the daily task at 08:00 every day of 2027."""

import datetime as dt

import pytest
import time_machine

from agencies.models import Notification, ReminderLog
from checklists.models import Checklist
from puffa.tasks import daily_reminders

from .reminder_data import at, checklist, study_session

D = dt.date


def every_day(year: int):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def weekly_from(first: dt.date):
    day = first
    while day.year == first.year:
        yield day
        day += dt.timedelta(days=7)


@pytest.mark.django_db
def test_a_year_of_reminders_each_stage_on_its_day(
    agency_a,
    agency_b,
    agency_town,
    staff_a,
    staff_b,
    bureau_reviewer,
    town_reviewer,
    law,
    celery_eager,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    law.promulgated_on = D(2015, 4, 24)
    law.save()
    # B filed early and holds its study sessions: it only hears of campaigns. The town's checklist came back.
    checklist(agency_b, 2027, Checklist.Status.APPROVED, submitted_on=D(2027, 1, 10), laws=[law])
    study_session(agency_b, D(2027, 3, 5), by=staff_b)
    study_session(agency_b, D(2027, 6, 5), by=staff_b)
    checklist(agency_town, 2027, Checklist.Status.RETURNED, submitted_on=D(2027, 1, 20))

    with time_machine.travel(at(D(2027, 1, 1)), tick=False) as clock:
        for day in every_day(2027):
            clock.move_to(at(day))
            with django_capture_on_commit_callbacks(execute=True):
                daily_reminders.delay()

    got = {(log.sent_on, log.kind, log.stage) for log in ReminderLog.objects.filter(agency=agency_a)}
    filing = {
        (D(2027, 1, 29), "filing_due", "d30"),
        (D(2027, 2, 14), "filing_due", "d14"),
        (D(2027, 2, 21), "filing_due", "d7"),
        (D(2027, 2, 25), "filing_due", "d3"),
        (D(2027, 2, 27), "filing_due", "d1"),
    }
    overdue = {(day, "filing_overdue", f"overdue-{week}") for week, day in enumerate(weekly_from(D(2027, 3, 1)))}
    study = {
        (D(2027, 7, 1), "study_minimum", "07-01"),
        (D(2027, 10, 1), "study_minimum", "10-01"),
        (D(2027, 12, 1), "study_minimum", "12-01"),
    }
    constitution = {(D(2027, 11, 20), "constitution_day", "d14")}
    assert got == filing | overdue | study | constitution
    assert max(day for day, kind, stage in overdue) == D(2027, 12, 27)

    # the agency that filed and studied: campaigns only (its law's anniversary, Constitution Day)
    assert {(log.sent_on, log.kind) for log in ReminderLog.objects.filter(agency=agency_b)} == {
        (D(2027, 4, 10), "law_anniversary"),
        (D(2027, 11, 20), "constitution_day"),
    }
    # the returned checklist is asked for again before the deadline; filed on time, it is never overdue
    town = {(log.sent_on, log.stage) for log in ReminderLog.objects.filter(agency=agency_town, kind="filing_due")}
    assert town == {(day, stage) for day, _kind, stage in filing}
    assert not ReminderLog.objects.filter(agency=agency_town, kind="filing_overdue").exists()

    # the late-agency digests: weekly after the deadline, to the office of the agency that never filed
    digests = ReminderLog.objects.filter(filing_office=bureau_reviewer.filing_office, kind="filing_digest")
    assert {log.sent_on for log in digests} == {day for day, _kind, _stage in overdue}
    assert not ReminderLog.objects.filter(filing_office=town_reviewer.filing_office, kind="filing_digest").exists()
    assert ReminderLog.objects.get(kind="study_digest").sent_on == D(2027, 12, 1)

    # every reminder reached the inbox once, and each day's reminders for staff_a came as one email
    assert Notification.objects.filter(recipient=staff_a).count() == len(got)
    days_for_a = {day for day, _kind, _stage in got}
    assert len([message for message in mailoutbox if message.to == ["a@puffa.example"]]) == len(days_for_a)
