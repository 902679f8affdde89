"""Reviewers' view of the agencies in scope: ★ sessions against the minimum and who has filed the archive."""

import datetime as dt

from django.urls import reverse

from activities.models import Activity, AnnualArchive
from agencies.models import Agency

from .conftest import YEAR, make_activity


def url(year=YEAR):
    return reverse("activities:overview", args=[year])


def test_a_bureau_reviewer_sees_every_agency_with_its_sessions(login, bureau_reviewer, agency_a, agency_b, staff_a):
    make_activity(agency_a, staff_a, activity_type="party_group_study")
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR + 1, 1, 1))
    response = login(bureau_reviewer).get(url())
    rows = {row.name: row for row in response.context["rows"]}
    assert rows[agency_a.name].study_sessions == 1 and rows[agency_b.name].study_sessions == 0
    assert "1 / 2" in response.text


def test_below_the_minimum_lists_only_those(login, bureau_reviewer, agency_a, agency_b, staff_a, staff_b):
    for day in (1, 2):
        make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 5, day))
    names = [row.name for row in login(bureau_reviewer).get(url(), {"show": "below"}).context["rows"]]
    assert agency_b.name in names and agency_a.name not in names


def test_a_town_reviewer_sees_only_their_towns_agencies(login, town_reviewer, agency_a, agency_town):
    names = [row.name for row in login(town_reviewer).get(url()).context["rows"]]
    assert names == [agency_town.name]


def test_filed_archives_show(login, bureau_reviewer, agency_a, agency_b, staff_a):
    AnnualArchive.objects.create(
        agency=agency_a,
        year=YEAR,
        status=AnnualArchive.Status.READY,
        requested_by=staff_a,
        filed_at=dt.datetime(YEAR, 12, 20, 10, tzinfo=dt.UTC),
    )
    response = login(bureau_reviewer).get(url(), {"show": "unfiled"})
    names = [row.name for row in response.context["rows"]]
    assert agency_b.name in names and agency_a.name not in names
    assert "已归档" in login(bureau_reviewer).get(url()).text


def test_the_query_count_does_not_grow_with_agencies(
    login, bureau_reviewer, bureau_office, staff_a, agency_a, django_assert_num_queries
):
    client = login(bureau_reviewer)

    def add(count):
        for _i in range(count):
            agency = Agency.objects.create(
                name=f"单位{Agency.objects.count()}", agency_type="government", filing_office=bureau_office
            )
            Activity.objects.create(
                agency=agency,
                created_by=staff_a,
                activity_type="party_group_study",
                title="学法",
                start_date=dt.date(YEAR, 3, 1),
            )

    add(2)
    # 1. the session
    # 2. the user
    # 3. the reviewer's filing office (scope)
    # 4. the year's cycle
    # 5. the agencies with their office, figures and archive
    # 6. the unread-notification count in the navigation bar
    with django_assert_num_queries(6):
        assert client.get(url()).status_code == 200
    add(20)
    with django_assert_num_queries(6):  # the same six for 22 agencies
        assert client.get(url()).status_code == 200


def test_anonymous_users_go_to_the_login_page(client, db):
    response = client.get(url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
