"""The study-minimum rule and the bureau's digest (activities/reminders.py), run through the daily run."""

import datetime as dt

import pytest

from activities import reminders as rules
from agencies.models import Agency, AnnualCycle, Notification, ReminderLog
from agencies.vocabulary import ActivityType
from checklists.models import Checklist
from puffa.reminders import reminders_send
from tests.puffa.reminder_data import checklist, sent, study_session

D = dt.date
STUDY = "study_minimum"


@pytest.fixture
def filed(agency_a, agency_b, agency_parent, agency_town):
    """Everyone has filed, so only the study rule speaks."""
    for agency in (agency_a, agency_b, agency_parent, agency_town):
        checklist(agency, 2027, Checklist.Status.APPROVED, submitted_on=D(2027, 1, 10))


def study_days(first: dt.date, last: dt.date) -> dict[dt.date, set[tuple]]:
    out, day = {}, first
    while day <= last:
        before = ReminderLog.objects.count()
        reminders_send(on=day)
        new = {(stage, target) for kind, stage, target in sent()[before:] if kind == STUDY}
        if new:
            out[day] = new
        day += dt.timedelta(days=1)
    return out


@pytest.mark.django_db
def test_the_study_minimum_reminders_go_out_on_their_three_days(filed, agency_a, agency_b, staff_a):
    study_session(agency_b, D(2027, 3, 2), by=staff_a)  # B: one session of two
    by_day = study_days(D(2027, 6, 29), D(2027, 12, 31))
    assert by_day == {
        # 1 July: only those with no session yet (A, its parent, the town); B has one
        D(2027, 7, 1): {("07-01", "区市场监管局"), ("07-01", "区政府办"), ("07-01", "薛家镇")},
        # 1 October and 1 December: everyone still below the minimum of 2, B included
        D(2027, 10, 1): {("10-01", "区市场监管局"), ("10-01", "区政府办"), ("10-01", "薛家镇"), ("10-01", "区教育局")},
        D(2027, 12, 1): {("12-01", "区市场监管局"), ("12-01", "区政府办"), ("12-01", "薛家镇"), ("12-01", "区教育局")},
    }
    texts = Notification.objects.filter(recipient=staff_a, reminder__kind=STUDY).values_list("body", flat=True)
    assert len(texts) == 3 and all("2027" in text for text in texts)


@pytest.mark.django_db
def test_agencies_at_the_minimum_or_not_subject_to_it_get_nothing(filed, agency_a, agency_b, staff_a):
    study_session(agency_a, D(2027, 3, 2), by=staff_a)
    study_session(agency_a, D(2027, 5, 9), by=staff_a, activity_type=ActivityType.EXECUTIVE_MEETING_STUDY)
    Agency.objects.filter(pk=agency_b.pk).update(subject_to_study_minimum=False)
    reminders_send(on=D(2027, 10, 1))
    targets = {target for kind, _stage, target in sent() if kind == STUDY}
    assert "区市场监管局" not in targets and "区教育局" not in targets
    assert "区政府办" in targets


@pytest.mark.django_db
def test_only_live_star_sessions_dated_this_year_count(filed, agency_a, staff_a):
    study_session(agency_a, D(2027, 3, 2), by=staff_a, activity_type=ActivityType.LAW_LECTURE)  # not ★
    study_session(agency_a, D(2026, 11, 2), by=staff_a)  # last year
    study_session(agency_a, D(2027, 4, 2), by=staff_a, deleted_at=dt.datetime(2027, 4, 3, tzinfo=dt.UTC))
    study_session(agency_a, D(2027, 8, 2), by=staff_a)  # after 1 July: not yet held then
    reminders_send(on=D(2027, 7, 1))
    assert (STUDY, "07-01", "区市场监管局") in sent()


@pytest.mark.django_db
def test_the_minimum_comes_from_the_annual_cycle(filed, agency_a, staff_a):
    AnnualCycle.objects.filter(year=2027).update(study_minimum=1)
    study_session(agency_a, D(2027, 3, 2), by=staff_a)
    reminders_send(on=D(2027, 10, 1))
    assert (STUDY, "10-01", "区市场监管局") not in sent()


@pytest.mark.django_db
def test_a_digest_of_agencies_below_the_minimum_goes_to_the_bureau_on_1_december(
    filed, agency_a, staff_a, bureau_admin, bureau_reviewer, town_reviewer
):
    study_session(agency_a, D(2027, 3, 2), by=staff_a)
    for day in (D(2027, 11, 30), D(2027, 12, 1), D(2027, 12, 2)):
        reminders_send(on=day)
    digests = ReminderLog.objects.filter(kind="study_digest")
    assert [(log.sent_on, log.filing_office.name) for log in digests] == [(D(2027, 12, 1), "新北区委政法委（司法局）")]
    for user in (bureau_admin, bureau_reviewer):
        notification = Notification.objects.get(recipient=user, reminder__kind="study_digest")
        assert "常州市新北区市场监督管理局（1/2）" in notification.body
        assert "常州市新北区教育局（0/2）" in notification.body
    assert not Notification.objects.filter(recipient=town_reviewer, reminder__kind="study_digest")


@pytest.mark.django_db
def test_choosing_who_to_remind_takes_the_same_queries_for_more_agencies(
    bureau_office, staff_a, django_assert_num_queries
):
    def add(count, start):
        Agency.objects.bulk_create(
            Agency(name=f"单位{i}", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office)
            for i in range(start, start + count)
        )

    add(3, 0)
    # The rule:
    # 1. the year's cycle
    # 2. the sessions counted per agency subject to the minimum (the activity summaries and this month's rows)
    # 3. the agencies subject to the minimum, in office and name order
    # The digest:
    # 4. the district bureau
    # 5. the year's cycle again
    # 6. the sessions counted per agency again
    # 7. the agencies subject to the minimum again
    with django_assert_num_queries(7):
        few = len(rules.study_minimum(D(2027, 12, 1))) + len(rules.study_digest(D(2027, 12, 1)))
    add(30, 3)
    with django_assert_num_queries(7):  # the same seven for 33 agencies
        many = len(rules.study_minimum(D(2027, 12, 1))) + len(rules.study_digest(D(2027, 12, 1)))
    assert many - few == 30
