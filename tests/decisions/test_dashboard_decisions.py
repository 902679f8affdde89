"""The dashboard counts the year's commendations and open and overdue measures; each figure drills down to a
list of exactly that many."""

import datetime as dt

import time_machine
from django.urls import reverse

from assessment.decisions import services

from .conftest import YEAR, record_measure


@time_machine.travel(dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC))
def test_each_figure_equals_its_drill_down(login, leader, bureau_admin, staff_a, agency_a, agency_b, commendation_a):
    overdue = record_measure(bureau_admin, agency_b, deadline=dt.date(2026, 4, 1))
    record_measure(bureau_admin, agency_b, deadline=dt.date(2026, 6, 1))
    answered = record_measure(bureau_admin, agency_a, deadline=dt.date(2026, 4, 1))
    services.measure_answer(measure=answered, user=staff_a, description="已整改")
    closed = record_measure(bureau_admin, agency_a)
    services.measure_answer(measure=closed, user=staff_a, description="已整改")
    services.measure_close(measure=closed, user=bureau_admin)

    client = login(leader)
    figures = client.get(reverse("assessment:dashboard"), {"year": YEAR}).context["decisions"]
    assert (figures["commendations"], figures["open"], figures["overdue"]) == (1, 3, 1)
    drill = reverse("decisions:year", args=[YEAR])
    assert len(client.get(drill, {"show": "commendations"}).context["commendations"]) == figures["commendations"]
    assert len(client.get(drill, {"show": "open"}).context["measures"]) == figures["open"]
    assert list(client.get(drill, {"show": "overdue"}).context["measures"]) == [overdue]
    page = client.get(reverse("assessment:dashboard"), {"year": YEAR}).text
    assert f"{drill}?show=overdue" in page


def test_a_town_reviewer_counts_only_their_agencies(login, town_reviewer, bureau_admin, agency_a, commendation_a):
    record_measure(bureau_admin, agency_a)
    figures = login(town_reviewer).get(reverse("assessment:dashboard"), {"year": YEAR}).context["decisions"]
    assert (figures["commendations"], figures["open"]) == (0, 0)
