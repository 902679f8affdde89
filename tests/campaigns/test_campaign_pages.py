"""The campaign list and page: who sees which campaign, its participation, drill-down and export."""

import datetime as dt
import io
from urllib.parse import unquote

from django.db.models import Count, Sum
from django.urls import reverse
from openpyxl import load_workbook

from activities.campaigns import facts, views
from activities.models import Activity, Campaign

from .conftest import YEAR, announce, log


def test_agencies_see_the_campaigns_they_are_asked_in(login, campaign, staff_a, staff_b, town_reviewer, agency_town):
    theirs = announce(town_reviewer, title="薛家镇民法典宣传")
    assert "2026年“12·4”国家宪法日集中宣传活动" in login(staff_a).get(reverse("campaigns:list")).text
    town = login(town_reviewer).get(reverse("campaigns:list"))
    assert [c.pk for c, _part in town.context["lines"]] == [theirs.pk]
    assert [c.pk for c, _part in login(staff_b).get(reverse("campaigns:list")).context["lines"]] == [campaign.pk]


def test_outsiders_get_404(login, campaign, staff_town, town_reviewer):
    for user in (staff_town, town_reviewer):
        client = login(user)
        assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404
        assert client.get(reverse("campaigns:export", args=[campaign.pk])).status_code == 404


def test_the_page_counts_as_an_independent_count_does(
    login, bureau_reviewer, campaign, staff_a, staff_b, agency_a, agency_b
):
    log(agency_a, staff_a, campaign=campaign, people=40)
    log(agency_a, staff_a, campaign=campaign, people=10, on=dt.date(YEAR, 12, 1))
    log(agency_a, staff_a, campaign=campaign, people=99, deleted=True)  # deleted: never counted
    log(agency_b, staff_b, campaign=campaign, people=70, on=dt.date(YEAR, 12, 5))  # not held yet
    log(agency_b, staff_b, people=5)  # not linked
    page = login(bureau_reviewer).get(reverse("campaigns:detail", args=[campaign.pk]))
    counted = page.context["counted"]
    held = Activity.objects.filter(campaign=campaign, deleted_at__isnull=True, start_date__lte=dt.date(YEAR, 12, 2))
    independent = held.aggregate(n=Count("pk"), people=Sum("people_reached"), agencies=Count("agency", distinct=True))
    assert (
        (counted.asked, counted.took_part, counted.activities, counted.people)
        == (
            campaign.asked.count(),
            independent["agencies"],
            independent["n"],
            independent["people"],
        )
        == (3, 1, 2, 50)
    )
    took = login(bureau_reviewer).get(reverse("campaigns:detail", args=[campaign.pk]), {"took_part": "yes"})
    assert took.context["page"].paginator.count == counted.took_part
    assert [(row.agency, part) for row, part in took.context["lines"]] == [(agency_a, (2, 50))]
    not_yet = login(bureau_reviewer).get(reverse("campaigns:detail", args=[campaign.pk]), {"took_part": "no"})
    assert not_yet.context["page"].paginator.count == counted.not_yet == 2


def test_participation_of_many_campaigns_in_two_queries(
    campaign, bureau_admin, agency_a, staff_a, django_assert_num_queries
):
    other = announce(bureau_admin, title="法润新北", start_date=dt.date(YEAR, 5, 1), end_date=dt.date(YEAR, 10, 31))
    log(agency_a, staff_a, campaign=other, on=dt.date(YEAR, 6, 1), people=12)
    with django_assert_num_queries(2):  # 1. the asked agencies and who took part, 2. the activities and people
        counted = facts.participation(Campaign.objects.all())
    assert counted[other.pk] == facts.Participation(asked=other.asked.count(), took_part=1, activities=1, people=12)
    assert counted[campaign.pk].took_part == 0


def test_the_page_keeps_a_fixed_number_of_queries(
    login, bureau_reviewer, campaign, staff_a, agency_a, django_assert_num_queries
):
    client = login(bureau_reviewer)
    client.get(reverse("campaigns:detail", args=[campaign.pk]))
    for _i in range(5):
        log(agency_a, staff_a, campaign=campaign)
    # 1. the session
    # 2. the user
    # 3. the reviewer's office (access: the district bureau's reviewers read every campaign)
    # 4. the campaign with its offices and announcer
    # 5. the drill-down's agencies counted (paginator)
    # 6. the drill-down's page of agencies with their office and whether they took part
    # 7. the page's agencies' activities and people
    # 8. the agencies asked counted, and those that took part (participation)
    # 9. the linked activities and people counted (participation)
    # 10. the unread-notification count in the navigation bar
    with django_assert_num_queries(10):
        assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 200


def test_the_export_lists_every_agency_asked_in_chinese(login, bureau_admin, campaign, agency_a, staff_a):
    log(agency_a, staff_a, campaign=campaign, people=40)
    response = login(bureau_admin).get(reverse("campaigns:export", args=[campaign.pk]))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "%E5%AE%AA%E6%B3%95" in response["Content-Disposition"]  # 宪法, in the file name
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0] == ("责任单位", "备案机关", "是否参加", "活动数", "覆盖人数")
    assert len(rows) - 1 == campaign.asked.count()
    assert (agency_a.name, agency_a.filing_office.name, "是", 1, 40) in rows


def test_the_list_keeps_a_fixed_number_of_queries(
    login, staff_a, campaign, bureau_admin, agency_a, django_assert_num_queries
):
    client = login(staff_a)
    client.get(reverse("campaigns:list"))
    for number in range(3):
        announce(bureau_admin, title=f"专项宣传{number}")
        log(agency_a, staff_a, campaign=campaign)
    # 1. the session
    # 2. the user
    # 3. the year's cycle (the year guard)
    # 4. the units below the user's agency (access: campaigns asking them are read too; read once for the page)
    # 5. the year's campaigns counted (paginator)
    # 6. the page's campaigns with their offices
    # 7. the page's agencies asked counted, and those that took part (participation)
    # 8. the page's linked activities and people counted (participation)
    # 9. the unread-notification count in the navigation bar
    with django_assert_num_queries(9):
        response = client.get(reverse("campaigns:list"))
    assert len(response.context["lines"]) == 4
    for number in range(views.PAGE_SIZE):
        announce(bureau_admin, title=f"更多专项宣传{number}")
    with django_assert_num_queries(9):  # the same nine for a second page of campaigns
        response = client.get(reverse("campaigns:list"), {"page": 2})
    assert len(response.context["lines"]) == 4


def test_the_list_pages_and_the_export_has_every_campaign_with_the_same_figures(
    login, bureau_reviewer, bureau_admin, campaign, agency_a, staff_a, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    for number in range(4):
        other = announce(bureau_admin, title=f"专项宣传{number}", start_date=dt.date(YEAR, 3 + number, 1))
        log(agency_a, staff_a, campaign=other, on=dt.date(YEAR, 3 + number, 2), people=10 * number)
    log(agency_a, staff_a, campaign=campaign, people=40)
    client = login(bureau_reviewer)
    first = client.get(reverse("campaigns:list"), {"year": YEAR})
    assert len(first.context["lines"]) == 3
    assert f'href="?year={YEAR}&page=2"' in first.text  # the next page keeps the year asked for
    second = client.get(reverse("campaigns:list"), {"year": YEAR, "page": 2})
    assert len(second.context["lines"]) == 2 and not second.context["page"].has_next()
    shown = {
        campaign.title: (part.asked, part.took_part, part.activities, part.people)
        for response in (first, second)
        for campaign, part in response.context["lines"]
    }
    assert len(shown) == 5 and shown[campaign.title] == (3, 1, 1, 40)
    export = client.get(reverse("campaigns:list_export"), {"year": YEAR})
    assert export.status_code == 200
    assert f"{YEAR}年集中宣传活动.xlsx" in unquote(export["Content-Disposition"])
    header, *rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert header == ("主题", "开始日期", "结束日期", "发布单位", "应参加单位", "已参加", "活动数", "覆盖人数")
    assert {row[0]: row[4:] for row in rows} == shown


def test_staff_read_the_totals_but_list_only_their_own_agency(login, staff_a, staff_b, campaign, agency_a, agency_b):
    log(agency_b, staff_b, campaign=campaign)
    page = login(staff_a).get(reverse("campaigns:detail", args=[campaign.pk]))
    assert page.context["counted"].took_part == 1
    assert [row.agency for row, _part in page.context["lines"]] == [agency_a]
    assert agency_b.name not in page.text
    export = login(staff_a).get(reverse("campaigns:export", args=[campaign.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert [row[0] for row in rows[1:]] == [agency_a.name]
