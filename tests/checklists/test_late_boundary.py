"""On time or late: due by the end of the last day of February, Asia/Shanghai; late from 00:00 on 1 March."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from agencies import years
from agencies.models import Agency, AnnualCycle
from checklists import selectors, services
from checklists.facts import submitted_late

from .conftest import submitted

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.opened_years()
@pytest.mark.parametrize("year,last_day", [(2024, 29), (2026, 28)])
def test_the_default_deadline_is_the_last_day_of_february(db, year, last_day):
    cycle = years.cycle_open(actor=None, year=year)
    assert cycle.filing_deadline == dt.date(year, 2, last_day)
    assert cycle.study_minimum == 2
    assert cycle.late_from == dt.datetime(year, 3, 1, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "year,moment,late",
    [
        (2024, dt.datetime(2024, 2, 29, 23, 59, 59, tzinfo=SHANGHAI), False),
        (2024, dt.datetime(2024, 3, 1, 0, 0, 0, tzinfo=SHANGHAI), True),
        (2026, dt.datetime(2026, 2, 28, 23, 59, 59, tzinfo=SHANGHAI), False),
        (2026, dt.datetime(2026, 3, 1, 0, 0, 0, tzinfo=SHANGHAI), True),
        # The same instants as UTC clocks show them: 15:59:59 and 16:00:00 the day before.
        (2026, dt.datetime(2026, 2, 28, 15, 59, 59, tzinfo=dt.UTC), False),
        (2026, dt.datetime(2026, 2, 28, 16, 0, 0, tzinfo=dt.UTC), True),
    ],
)
def test_a_submission_is_late_from_midnight_on_1_march(staff_a, bureau_reviewer, year, moment, late):
    checklist = submitted(staff_a.agency, staff_a, year=year, at=moment)
    assert submitted_late(checklist.first_submitted_at, AnnualCycle.objects.get(year=year)) is late
    # the review queue and the filing overview agree with the model
    assert [c.late for c in selectors.review_queue(bureau_reviewer)] == [late]
    row = selectors.filing_rows(Agency.objects.filter(pk=staff_a.agency_id), year).get()
    assert row.timing == ("late" if late else "on_time")


def test_a_resubmission_after_the_deadline_keeps_the_first_submissions_timing(staff_a, bureau_reviewer):
    checklist = submitted(staff_a.agency, staff_a, at=dt.datetime(2026, 2, 20, 10, 0, tzinfo=SHANGHAI))
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="补充")
    services.checklist_submit(checklist=checklist, actor=staff_a, at=dt.datetime(2026, 3, 5, 10, 0, tzinfo=SHANGHAI))
    assert [c.late for c in selectors.review_queue(bureau_reviewer)] == [False]


def test_an_extended_deadline_moves_the_boundary(staff_a, bureau_admin, bureau_reviewer):
    services.annual_cycle_save(actor=bureau_admin, year=2026, filing_deadline=dt.date(2026, 3, 15), study_minimum=2)
    submitted(staff_a.agency, staff_a, at=dt.datetime(2026, 3, 15, 23, 0, tzinfo=SHANGHAI))
    assert [c.late for c in selectors.review_queue(bureau_reviewer)] == [False]


def test_an_agency_that_has_not_filed_is_overdue_after_the_deadline(agency_a):
    rows = Agency.objects.filter(pk=agency_a.pk)
    assert selectors.filing_rows(rows, 2026, today=dt.date(2026, 2, 28)).get().timing == "pending"
    assert selectors.filing_rows(rows, 2026, today=dt.date(2026, 3, 1)).get().timing == "overdue"
    assert selectors.filing_rows(rows, 2026, today=dt.date(2026, 3, 1)).get().filing_status == "not_started"
