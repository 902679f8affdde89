"""The study minimum: ★ sessions dated in the year against the year's minimum."""

import datetime as dt

import time_machine

from activities import selectors, services
from agencies.models import AnnualCycle

from .conftest import YEAR, make_activity

AFTER_THE_YEAR = dt.datetime(YEAR + 1, 2, 1, 9, 0, tzinfo=dt.UTC)  # every session of YEAR has been held


@time_machine.travel(AFTER_THE_YEAR)
def test_31_december_counts_for_that_year_and_1_january_for_the_next(agency_a, staff_a):
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 12, 31))
    make_activity(agency_a, staff_a, activity_type="executive_meeting_study", start_date=dt.date(YEAR + 1, 1, 1))
    assert selectors.study_sessions(agency_a.pk, YEAR) == 1
    assert selectors.study_sessions(agency_a.pk, YEAR + 1) == 1
    assert selectors.study_sessions(agency_a.pk, YEAR - 1) == 0


def test_only_starred_types_count(agency_a, staff_a):
    make_activity(agency_a, staff_a, activity_type="party_group_study")
    make_activity(agency_a, staff_a, activity_type="law_lecture")
    make_activity(agency_a, staff_a, activity_type="online_study")
    assert selectors.study_sessions(agency_a.pk, YEAR) == 1


def test_the_minimum_is_met_at_the_years_number(agency_a, staff_a):
    first = make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 3, 1))
    status = selectors.study_minimum(agency_a, YEAR)
    assert (status.sessions, status.minimum, status.met, status.missing) == (1, 2, False, 1)
    make_activity(agency_a, staff_a, activity_type="executive_meeting_study", start_date=dt.date(YEAR, 9, 1))
    assert selectors.study_minimum(agency_a, YEAR).met
    services.activity_delete(activity=first, deleted_by=staff_a)
    assert not selectors.study_minimum(agency_a, YEAR).met


def test_the_bureau_sets_the_minimum_per_year(agency_a, staff_a):
    cycle = AnnualCycle.objects.get(year=YEAR)
    cycle.study_minimum = 3
    cycle.save()
    make_activity(agency_a, staff_a, activity_type="party_group_study")
    make_activity(agency_a, staff_a, activity_type="party_group_study")
    assert not selectors.study_minimum(agency_a, YEAR).met


def test_an_agency_not_subject_to_it_always_complies(agency_b):
    agency_b.subject_to_study_minimum = False
    agency_b.save()
    status = selectors.study_minimum(agency_b, YEAR)
    assert status.met and status.missing == 0


@time_machine.travel(AFTER_THE_YEAR)
def test_the_year_summary_counts_agencies_below_the_minimum(agency_a, agency_b, agency_parent, staff_a, staff_b):
    from agencies.models import Agency

    make_activity(agency_a, staff_a, activity_type="party_group_study")
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 12, 31))
    make_activity(agency_b, staff_b, activity_type="party_group_study")
    agency_parent.subject_to_study_minimum = False
    agency_parent.save()
    summary = selectors.year_summary(Agency.objects.all(), YEAR)
    assert (summary.agencies, summary.subject, summary.below) == (3, 2, 1)


@time_machine.travel(dt.datetime(YEAR, 12, 2, 10, 0, tzinfo=dt.UTC))
def test_a_session_counts_from_its_date_not_before(agency_a, staff_a):
    """On 2 December a session logged for 28 December leaves 2 / 2 at 2 / 2 (the issue's case)."""
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 3, 1))
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 12, 2))
    make_activity(agency_a, staff_a, activity_type="executive_meeting_study", start_date=dt.date(YEAR, 12, 28))
    status = selectors.study_minimum(agency_a, YEAR)
    assert (status.sessions, status.minimum, status.met) == (2, 2, True)
    cycle = AnnualCycle.objects.get(year=YEAR)
    cycle.study_minimum = 3
    cycle.save()
    assert not selectors.study_minimum(agency_a, YEAR).met
    with time_machine.travel(dt.datetime(YEAR, 12, 28, 1, 0, tzinfo=dt.UTC)):  # 09:00 in Shanghai
        assert selectors.study_minimum(agency_a, YEAR).met
