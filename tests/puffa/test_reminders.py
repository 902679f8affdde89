"""The daily run (puffa/reminders.py): exactly once, catch-up, one email per person, recipients at scale."""

import datetime as dt
import time

import pytest

from agencies.models import Agency, AgencyContact, Notification, ReminderLog, User
from checklists.models import Checklist
from puffa.reminders import plan, reminder_send_now, reminders_send

from .reminder_data import checklist, contact, sent

D = dt.date


@pytest.fixture
def a_with_contact(agency_a, staff_a):
    contact(agency_a, "contact-a@puffa.example", name="华伟")
    return agency_a


def test_a_run_repeated_on_the_same_day_sends_nothing_twice(
    a_with_contact, staff_a, django_capture_on_commit_callbacks, mailoutbox, celery_eager
):
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send(on=D(2027, 1, 29))
    assert sent(agency=a_with_contact) == [("filing_due", "d30", "区市场监管局")]
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    assert sorted(message.to[0] for message in mailoutbox) == ["a@puffa.example", "contact-a@puffa.example"]


def test_a_catch_up_after_five_missed_days_sends_one_reminder_the_latest(agency_a, staff_a):
    reminders_send(on=D(2027, 2, 14))  # the 14-day stage, on its day
    # workers down 20–24 February: the 7-day stage (21st) is missed; the run on the 25th ...
    reminders_send(on=D(2027, 2, 25))
    assert sent(agency=agency_a) == [("filing_due", "d14", "区市场监管局"), ("filing_due", "d3", "区市场监管局")]
    log = ReminderLog.objects.get(agency=agency_a, stage="d3")
    assert (log.due_on, log.sent_on) == (D(2027, 2, 25), D(2027, 2, 25))

    # workers down 26 February – 2 March: the 1-day stage and the first overdue notice are missed
    reminders_send(on=D(2027, 3, 3))
    assert sent(agency=agency_a)[2:] == [("filing_overdue", "overdue-0", "区市场监管局")]
    log = ReminderLog.objects.get(agency=agency_a, stage="overdue-0")
    assert (log.due_on, log.sent_on) == (D(2027, 3, 1), D(2027, 3, 3))
    assert Notification.objects.filter(recipient=staff_a).count() == 3


def test_a_missed_stage_is_sent_on_the_next_run(agency_a, staff_a):
    reminders_send(on=D(2027, 2, 1))  # the 30-day stage was due on 29 January
    assert sent(agency=agency_a) == [("filing_due", "d30", "区市场监管局")]
    assert "27" in Notification.objects.get(recipient=staff_a).body  # what is left, counted from the run's day


def test_several_reminders_for_one_person_on_one_day_arrive_as_one_email(
    a_with_contact, staff_a, django_capture_on_commit_callbacks, mailoutbox, celery_eager
):
    # 1 December: the checklist is overdue, study sessions are below the minimum, Constitution Day is near
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=D(2027, 12, 1))
    kinds = {kind for kind, _stage, _target in sent(agency=a_with_contact)}
    assert kinds == {"filing_overdue", "study_minimum", "constitution_day"}
    assert Notification.objects.filter(recipient=staff_a).count() == 3
    to_staff = [message for message in mailoutbox if message.to == ["a@puffa.example"]]
    assert len(to_staff) == 1 and len(mailoutbox) == 2  # one for staff_a, one for the contact
    email = to_staff[0]
    assert "3" in email.subject
    for log in ReminderLog.objects.filter(agency=a_with_contact):
        assert log.subject in email.body
        assert log.subject in email.alternatives[0][0]
    assert "http://127.0.0.1:8000/" in email.body


def test_a_contact_who_is_also_a_user_gets_one_email(
    agency_a, staff_a, django_capture_on_commit_callbacks, mailoutbox, celery_eager
):
    contact(agency_a, "A@puffa.example")
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=D(2027, 1, 29))
    assert [message.to for message in mailoutbox] == [["a@puffa.example"]]


def test_the_email_is_in_chinese_with_text_and_html(
    a_with_contact, django_capture_on_commit_callbacks, mailoutbox, celery_eager
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(on=D(2027, 1, 29))
    email = next(message for message in mailoutbox if message.to == ["contact-a@puffa.example"])
    assert "华伟" in email.body and "2027年2月28日" in email.subject
    html, mime = email.alternatives[0]
    assert mime == "text/html" and "2027年2月28日" in html and "<a href=" in html


def test_a_dry_run_writes_and_sends_nothing(a_with_contact, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        planned = reminders_send(on=D(2027, 1, 29), dry_run=True)
    assert {item.due.target for item in planned} == {"区市场监管局", "区政府办"}
    assert not ReminderLog.objects.exists() and not Notification.objects.exists() and mailoutbox == []


def test_reminding_one_agency_now_sends_what_it_owes_once_a_day(a_with_contact, staff_a, bureau_admin, agency_b):
    sent_now = reminder_send_now(agency=a_with_contact, by=bureau_admin, on=D(2027, 7, 6))
    assert [item.due.kind for item in sent_now] == ["filing_overdue", "study_minimum"]
    assert Notification.objects.filter(recipient=staff_a).count() == 2
    assert set(ReminderLog.objects.values_list("sent_by", flat=True)) == {bureau_admin.pk}
    assert reminder_send_now(agency=a_with_contact, by=bureau_admin, on=D(2027, 7, 6)) == []
    assert len(reminder_send_now(agency=a_with_contact, by=bureau_admin, on=D(2027, 7, 7))) == 2
    assert not Notification.objects.filter(recipient__agency=agency_b).exists()


def test_an_agency_that_owes_nothing_is_not_reminded_now(agency_b, staff_b, bureau_admin):
    checklist(agency_b, 2027, Checklist.Status.APPROVED)
    Agency.objects.filter(pk=agency_b.pk).update(subject_to_study_minimum=False)
    agency_b.refresh_from_db()
    assert reminder_send_now(agency=agency_b, by=bureau_admin, on=D(2027, 7, 6)) == []
    assert not Notification.objects.exists()


def test_scheduled_stages_ignore_an_earlier_reminder_by_hand(agency_a, bureau_admin):
    reminder_send_now(agency=agency_a, by=bureau_admin, on=D(2027, 1, 29))
    reminders_send(on=D(2027, 1, 29))
    assert [stage for _kind, stage, _target in sent(agency=agency_a)] == ["manual-2027-01-29", "d30"]


def test_study_sessions_are_not_owed_by_hand_before_the_first_study_reminder(agency_a, bureau_admin):
    checklist(agency_a, 2027, Checklist.Status.APPROVED)
    assert reminder_send_now(agency=agency_a, by=bureau_admin, on=D(2027, 6, 30)) == []
    assert [item.due.kind for item in reminder_send_now(agency=agency_a, by=bureau_admin, on=D(2027, 7, 1))] == [
        "study_minimum"
    ]


def _district(bureau_office, town_office, count: int, start: int = 0):
    """``count`` agencies, each with a staff user with an email and a contact; every fifth in a town."""
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"测试单位{i}",
            agency_type=Agency.Type.GOVERNMENT,
            level=Agency.Level.TOWN if i % 5 == 0 else Agency.Level.DISTRICT,
            filing_office=town_office if i % 5 == 0 else bureau_office,
        )
        for i in range(start, start + count)
    )
    User.objects.bulk_create(
        User(username=f"staff{agency.pk}", role=User.Role.STAFF, agency=agency, email=f"s{agency.pk}@x.example")
        for agency in agencies
    )
    AgencyContact.objects.bulk_create(
        AgencyContact(agency=agency, name="联络员", email=f"c{agency.pk}@x.example") for agency in agencies
    )


@pytest.mark.parametrize(
    ("day", "queries"),
    [
        # 29 January, the filing deadline a month away:
        # 1. the year's cycle
        # 2. the active agencies that have not filed in time, with their office
        # 3. the campaigns under way or about to start (none here; with one, a second query for its agencies asked
        #    that have not taken part)
        # 4. the laws with a promulgation date (anniversaries)
        # 5. the rectifications due
        # 6. what was already sent for the day's rules
        # 7. the agencies' staff
        # 8. the agencies' contacts
        (D(2027, 1, 29), 8),
        # 1 March, the filing overdue: 1-8 as above, and
        # 9. the reviewers of the agencies' offices (the overdue digest)
        (D(2027, 3, 1), 9),
        # 1 December:
        # 1. the year's cycle (filing)
        # 2. the active agencies that have not filed in time, with their office
        # 3. the year's cycle again (the study minimum)
        # 4. the sessions counted per agency subject to the minimum (the activity summaries and this month's rows)
        # 5. the agencies subject to the minimum, in office and name order
        # 6. the district bureau (the study digest)
        # 7. the year's cycle a third time (the study digest)
        # 8. the sessions counted per agency again (the study digest)
        # 9. the agencies subject to the minimum again (the study digest)
        # 10. the active agencies (Constitution Day)
        # 11. the campaigns under way or about to start (none here; with one, a second query for its agencies asked
        #     that have not taken part)
        # 12. the laws with a promulgation date (anniversaries)
        # 13. the rectifications due
        # 14. the agencies asked in a campaign running on Constitution Day (its reminder instead of the generic one)
        # 15. what was already sent for the day's rules
        # 16. the agencies' staff
        # 17. the agencies' contacts
        # 18. the reviewers of the agencies' offices
        # 19. the bureau's administrators and reviewers
        (D(2027, 12, 1), 19),
    ],
)
def test_choosing_recipients_takes_a_fixed_number_of_queries(
    day, queries, bureau_office, town_office, bureau_reviewer, town_reviewer, bureau_admin, django_assert_num_queries
):
    _district(bureau_office, town_office, 10)
    with django_assert_num_queries(queries):
        few = plan(day)
    _district(bureau_office, town_office, 300, start=10)
    with django_assert_num_queries(queries):  # the same for 310 agencies
        many = plan(day)
    assert len(many) > len(few) >= 10
    ours = [item for item in many if item.due.target.startswith("测试单位")]
    bad = [item for item in ours if not (item.user_ids and len(item.addresses) == 2)]
    assert bad == [], bad[:3]


def test_choosing_recipients_for_10000_agencies_takes_seconds(bureau_office, town_office, bureau_reviewer):
    _district(bureau_office, town_office, 10_000)
    started = time.monotonic()
    planned = plan(D(2027, 12, 1))  # the busiest day: overdue, study minimum, digests, Constitution Day
    assert time.monotonic() - started < 10
    assert len(planned) > 30_000
