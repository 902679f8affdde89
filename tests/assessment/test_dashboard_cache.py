"""The dashboard's figures are cached until the data changes, per set of agencies a user may see."""

import datetime as dt

from django.urls import reverse

from activities.models import Activity
from agencies import freshness
from checklists.models import Checklist

URL = reverse("assessment:dashboard")


def activities_shown(client, year=2026):
    return client.get(URL, {"year": year}).context["board"].activities_total


def test_a_new_activity_shows_at_once_although_the_figures_are_cached(login, leader, staff_a, agency_a):
    leadership = login(leader)
    assert activities_shown(leadership) == 0
    version = freshness.version()
    assert activities_shown(leadership) == 0  # read back from the cache
    Activity.objects.create(
        agency=agency_a,
        created_by=staff_a,
        activity_type="law_lecture",
        title="讲座",
        start_date=dt.date(2026, 5, 1),
        people_reached=30,
    )
    assert freshness.version() != version
    assert activities_shown(leadership) == 1


def test_an_approval_changes_the_filing_figures(login, leader, staff_a, agency_a):
    leadership = login(leader)
    checklist = Checklist.objects.create(
        agency=agency_a,
        year=2026,
        status="submitted",
        created_by=staff_a,
        first_submitted_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    board = leadership.get(URL, {"year": 2026}).context["board"]
    assert board.figure("status:submitted").value == 1
    checklist.status = "approved"
    checklist.save(update_fields=["status"])
    board = leadership.get(URL, {"year": 2026}).context["board"]
    assert board.figure("status:submitted").value == 0 and board.figure("status:approved").value == 1


def test_each_scope_has_its_own_figures(login, leader, town_reviewer, agency_a, agency_town):
    assert login(leader).get(URL, {"year": 2026}).context["board"].everyone.value == 3  # A, its parent, the town agency
    assert login(town_reviewer).get(URL, {"year": 2026}).context["board"].everyone.value == 1
