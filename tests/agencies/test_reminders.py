"""The Constitution Day rule and the stage helpers every rule shares (agencies/reminders.py)."""

import datetime as dt

import pytest

from agencies.models import Agency
from agencies.reminders import constitution_day, current_stage, month_day, stages_between

D = dt.date


def test_a_stage_stays_current_until_the_next_one_begins():
    stages = stages_between([("b", D(2027, 2, 14)), ("a", D(2027, 1, 29))], last_day=D(2027, 2, 28))
    assert current_stage(stages, D(2027, 1, 28)) is None
    assert current_stage(stages, D(2027, 1, 29)).key == "a"
    assert current_stage(stages, D(2027, 2, 13)).key == "a"
    assert current_stage(stages, D(2027, 2, 14)).key == "b"
    assert current_stage(stages, D(2027, 2, 28)).key == "b"
    assert current_stage(stages, D(2027, 3, 1)) is None


def test_29_february_is_the_28th_in_a_common_year():
    assert month_day(2028, "02-29") == D(2028, 2, 29)
    assert month_day(2027, "02-29") == D(2027, 2, 28)


@pytest.mark.django_db
def test_constitution_day_reminds_every_active_agency_14_days_before(agency_a, agency_b, agency_town):
    Agency.objects.filter(pk=agency_b.pk).update(is_active=False)
    assert constitution_day(D(2027, 11, 19)) == []
    dues = constitution_day(D(2027, 11, 20))
    assert {due.agency_id for due in dues} == {agency_a.pk, agency_a.parent_id, agency_town.pk}
    assert {(due.kind, due.period, due.stage, due.due_on) for due in dues} == {
        ("constitution_day", "2027", "d14", D(2027, 11, 20))
    }


@pytest.mark.django_db
def test_a_missed_constitution_day_reminder_is_caught_up_until_the_day_but_not_after(agency_a):
    assert [due.due_on for due in constitution_day(D(2027, 12, 4))] == [D(2027, 11, 20)] * 2
    assert constitution_day(D(2027, 12, 5)) == []


@pytest.mark.django_db
def test_the_lead_time_comes_from_settings(settings, agency_a):
    settings.PUFFA_CAMPAIGN_LEAD_DAYS = 7
    assert constitution_day(D(2027, 11, 26)) == []
    assert constitution_day(D(2027, 11, 27))
