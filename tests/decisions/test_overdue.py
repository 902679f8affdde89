"""Overdue (``Measure.overdue_q``): the agency's turn and past the deadline; one definition for one measure and
for a set."""

import datetime as dt

import pytest

from assessment.models import Measure

from .conftest import record_measure

DEADLINE = dt.date(2026, 4, 1)


@pytest.mark.parametrize(
    "status,today,overdue",
    [
        (Measure.Status.PENDING, dt.date(2026, 4, 1), False),  # the deadline day itself is still in time
        (Measure.Status.PENDING, dt.date(2026, 4, 2), True),
        (Measure.Status.ANSWERED, dt.date(2026, 6, 1), False),  # waiting for the bureau is not the agency's delay
        (Measure.Status.RETURNED, dt.date(2026, 6, 1), True),  # sent back after the deadline: overdue again
        (Measure.Status.CLOSED, dt.date(2026, 6, 1), False),
    ],
)
def test_one_measure_and_the_set_agree(bureau_admin, agency_a, status, today, overdue):
    measure = record_measure(bureau_admin, agency_a, deadline=DEADLINE)
    Measure.objects.filter(pk=measure.pk).update(status=status)
    measure.refresh_from_db()
    assert measure.is_overdue(today) is overdue
    assert Measure.objects.filter(Measure.overdue_q(today)).exists() is overdue
