"""The one year guard: the range, opened years, and the year-end date."""

import datetime as dt

import pytest
import time_machine
from django.http import Http404

from agencies import reads, years
from agencies.models import AnnualCycle


@time_machine.travel(dt.date(2026, 12, 2), tick=False)
@pytest.mark.parametrize("value,expected", [("2016", 2016), (2027, 2027)])
def test_the_range_runs_from_2016_to_next_year(value, expected):
    assert years.parse_year(value) == expected


@time_machine.travel(dt.date(2026, 12, 2), tick=False)
@pytest.mark.parametrize("value", ["2015", "2028", "abc", None, "3000"])
def test_anything_else_is_not_found(value):
    with pytest.raises(Http404):
        years.parse_year(value)


@pytest.mark.opened_years(2026)
def test_only_an_opened_year_has_a_cycle(db):
    assert years.open_cycle(2026).year == 2026 and years.is_open(2026)
    with pytest.raises(years.YearNotOpen) as raised:
        years.open_cycle(2025)
    assert raised.value.can_open and not years.is_open(2025) and years.cycle_or_none(2025) is None
    assert years.open_years() == [2026] and list(AnnualCycle.objects.values_list("year", flat=True)) == [2026]


@pytest.mark.opened_years(2026)
def test_opening_a_year_sets_the_defaults_once(db):
    cycle = years.cycle_open(actor=None, year=2024)
    assert (cycle.filing_deadline, cycle.study_minimum) == (dt.date(2024, 2, 29), 2)
    assert years.cycle_open(actor=None, year=2024).pk == cycle.pk
    assert 2024 not in years.openable_years() and 2025 in years.openable_years()


def test_the_year_end_starts_on_the_first_of_the_last_month(settings):
    assert years.year_end_from(2026) == dt.date(2026, 12, 1)
    settings.PUFFA_YEAR_END_MONTH = 11
    assert years.year_end_from(2026) == dt.date(2026, 11, 1)


def test_a_year_ends_after_its_last_day_in_shanghai():
    assert years.last_day(2026) == dt.date(2026, 12, 31)
    assert not years.year_ended(2026, dt.date(2026, 12, 31))
    assert years.year_ended(2026, dt.date(2027, 1, 1))
    assert not years.year_ended(2027, dt.date(2026, 6, 1))


@time_machine.travel(dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC), tick=False)  # 00:30 on 1 January in Shanghai
def test_by_default_the_year_ends_by_shanghai_s_calendar():
    assert years.year_ended(2026)


@pytest.mark.django_db
def test_within_a_request_the_cycle_is_read_once_and_a_change_is_seen(django_assert_num_queries):
    years.cycle_open(actor=None, year=2026)
    with reads.shared_reads(only_reading=False):
        with django_assert_num_queries(1):  # the cycle, once, however many ask
            first = years.cycle_or_none(2026)
            assert years.open_cycle(2026) is first
        first.study_minimum = 5
        first.save()  # a change made in the request: the next read sees it
        with django_assert_num_queries(1):
            assert years.cycle_or_none(2026).study_minimum == 5
    with django_assert_num_queries(2):  # outside a request (tasks, commands) every call reads
        years.cycle_or_none(2026)
        years.cycle_or_none(2026)
