"""Reviewers' view of the agencies in scope: ★ sessions against the minimum and who has filed the archive."""

import datetime as dt
import io
from urllib.parse import unquote

from django.urls import reverse
from openpyxl import load_workbook

from activities import views
from activities.models import AnnualArchive
from agencies.models import Agency, AnnualCycle

from ..activity_rows import logged_activity
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


def test_with_no_minimum_no_agency_is_below_it(login, bureau_reviewer, agency_a, agency_b):
    AnnualCycle.objects.filter(year=YEAR).update(study_minimum=0)
    response = login(bureau_reviewer).get(url(), {"show": "below"})
    assert response.context["count_below"] == 0 and list(response.context["rows"]) == []


def test_the_counts_follow_a_new_session(login, bureau_reviewer, agency_a, agency_b, staff_a):
    client = login(bureau_reviewer)
    before = client.get(url()).context["count_below"]
    for day in (1, 2):  # agency A reaches the minimum of two
        make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=dt.date(YEAR, 5, day))
    assert client.get(url()).context["count_below"] == before - 1


def add_agencies(count, office, staff):
    """``count`` more agencies of ``office``, each with one ★ session (below the minimum of two)."""
    for _i in range(count):
        agency = Agency.objects.create(
            name=f"单位{Agency.objects.count():05d}", agency_type="government", filing_office=office
        )
        logged_activity(
            agency=agency,
            created_by=staff,
            activity_type="party_group_study",
            title="学法",
            start_date=dt.date(YEAR, 3, 1),
        )


def test_the_list_is_paginated_with_every_tab_counted(login, bureau_reviewer, bureau_office, staff_a, monkeypatch):
    monkeypatch.setattr(views, "OVERVIEW_PAGE_SIZE", 5)
    add_agencies(12, bureau_office, staff_a)
    client = login(bureau_reviewer)
    total = Agency.objects.filter(is_active=True).count()
    first = client.get(url())
    assert len(first.context["rows"]) == 5 and first.context["page"].paginator.num_pages == -(-total // 5)
    assert first.context["count_all"] == total and first.context["count_unfiled"] == total
    last = client.get(url(), {"page": first.context["page"].paginator.num_pages})
    seen = {row.pk for row in first.context["rows"]} | {row.pk for row in last.context["rows"]}
    assert len(seen) == len(first.context["rows"]) + len(last.context["rows"])  # no agency on two pages
    below = client.get(url(), {"show": "below", "page": 3})
    assert below.context["page"].number == 3 and "show=below" in below.text  # the next page keeps the tab
    assert below.context["count_below"] == below.context["page"].paginator.count


def test_the_export_lists_every_agency_of_the_tab(login, bureau_reviewer, bureau_office, staff_a, monkeypatch):
    monkeypatch.setattr(views, "OVERVIEW_PAGE_SIZE", 5)
    add_agencies(12, bureau_office, staff_a)
    response = login(bureau_reviewer).get(reverse("activities:overview_export", args=[YEAR]), {"show": "below"})
    assert response.status_code == 200
    assert f"{YEAR}年各单位履职情况（集中学法未达标）.xlsx" in unquote(
        response["Content-Disposition"]
    )  # each tab its own name
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert header[:3] == ("责任单位", "备案机关", "★ 集中学法次数")
    below = login(bureau_reviewer).get(url(), {"show": "below"}).context["count_below"]
    assert len(rows) == below > 5
    assert all(row[4] == "否" for row in rows if row[3] != "不作要求")


def test_the_query_count_does_not_grow_with_agencies(
    login, bureau_reviewer, bureau_office, staff_a, agency_a, django_assert_num_queries
):
    client = login(bureau_reviewer)
    add_agencies(2, bureau_office, staff_a)
    # 1. the session
    # 2. the user
    # 3. the reviewer's filing office (scope)
    # 4. the year's cycle
    # 5. the tabs' counts: agencies, those below the minimum (their ★ sessions added up from the summaries and
    #    this month's rows) and those whose archive is not filed, in one aggregate
    # 6. the page's agencies with their office, figures and archive
    # 7. the unread-notification count in the navigation bar
    with django_assert_num_queries(7):
        assert client.get(url()).status_code == 200
    add_agencies(150, bureau_office, staff_a)  # more than a page
    with django_assert_num_queries(7):  # the same seven for 150 more agencies, on any tab
        assert client.get(url(), {"show": "below", "page": 2}).status_code == 200
    with django_assert_num_queries(6):  # the counts kept until the data changes: 5. is not read again
        assert client.get(url(), {"show": "below", "page": 2}).status_code == 200


def test_anonymous_users_go_to_the_login_page(client, db):
    response = client.get(url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
