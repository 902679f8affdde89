"""The ledger (台账): an agency's live activities of a year, filtered and paginated, in a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from activities import services
from activities.evidence import inspect_evidence
from activities.models import Activity, Campaign, Evidence
from agencies import freshness

from ..campaigns.conftest import announce
from .conftest import YEAR, make_activity, upload


def url(agency, year=YEAR):
    return reverse("activities:ledger", args=[agency.pk, year])


@pytest.fixture
def year_of_activities(agency_a, staff_a, item):
    make_activity(agency_a, staff_a, title="党组中心组学习宪法", activity_type="party_group_study")
    make_activity(
        agency_a,
        staff_a,
        title="食品安全进社区",
        activity_type="six_places",
        six_places_target="communities",
        start_date=dt.date(YEAR, 6, 1),
        checklist_item=item,
        place="三井街道惠民社区",
    )
    make_activity(
        agency_a,
        staff_a,
        title="特种设备安全现场释法",
        activity_type="on_site_explanation",
        start_date=dt.date(YEAR, 9, 9),
    )
    make_activity(agency_a, staff_a, title="去年的活动", start_date=dt.date(YEAR - 1, 9, 9))


def titles(response):
    return [activity.title for activity in response.context["page"]]


def test_staff_see_their_years_activities(login, staff_a, agency_a, year_of_activities):
    response = login(staff_a).get(url(agency_a))
    assert response.status_code == 200
    assert titles(response) == ["特种设备安全现场释法", "食品安全进社区", "党组中心组学习宪法"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"duty": "study"}, ["党组中心组学习宪法"]),
        ({"duty": "enforcement"}, ["特种设备安全现场释法"]),
        ({"activity_type": "six_places"}, ["食品安全进社区"]),
        ({"date_from": f"{YEAR}-05-01", "date_to": f"{YEAR}-06-30"}, ["食品安全进社区"]),
        ({"q": "惠民社区"}, ["食品安全进社区"]),
        ({"q": "现场释法"}, ["特种设备安全现场释法"]),
    ],
)
def test_the_ledger_filters(login, staff_a, agency_a, year_of_activities, query, expected):
    assert titles(login(staff_a).get(url(agency_a), query)) == expected


def test_a_range_ending_before_it_starts_is_said_not_answered_with_nothing(
    login, staff_a, agency_a, year_of_activities
):
    response = login(staff_a).get(url(agency_a), {"date_from": f"{YEAR}-05-01", "date_to": f"{YEAR}-04-01"})
    assert "结束日期不能早于开始日期。" in response.text
    assert titles(response) == ["特种设备安全现场释法", "食品安全进社区"]  # from 1 May, as the start date asks
    assert f'value="{YEAR}-04-01"' in response.text  # what was typed stays


def test_the_ledger_filters_by_checklist_item_across_revisions(login, staff_a, agency_a, year_of_activities, item):
    from checklists.models import Checklist

    amended = Checklist.objects.create(agency=agency_a, year=YEAR, revision=2, status=Checklist.Status.APPROVED)
    same_item = amended.items.create(
        key=item.key,
        position=1,
        content=item.content,
        responsible_office="科室",
        contact_person="华伟",
        start_date=item.start_date,
        end_date=item.end_date,
        goal=item.goal,
    )
    make_activity(agency_a, staff_a, title="修订后登记的活动", checklist_item=same_item)
    found = titles(login(staff_a).get(url(agency_a), {"item": same_item.pk}))
    assert sorted(found) == ["修订后登记的活动", "食品安全进社区"]


def test_deleted_activities_leave_the_ledger(login, staff_a, agency_a, year_of_activities):
    services.activity_delete(activity=Activity.objects.get(title="食品安全进社区"), deleted_by=staff_a)
    assert "食品安全进社区" not in titles(login(staff_a).get(url(agency_a)))


def test_the_parent_agency_reads_the_ledger_without_change_buttons(login, staff_parent, agency_a, year_of_activities):
    response = login(staff_parent).get(url(agency_a))
    assert response.status_code == 200 and len(titles(response)) == 3
    assert reverse("activities:create", args=[agency_a.pk, YEAR]) not in response.text


def test_a_reviewer_in_scope_reads_it(login, bureau_reviewer, agency_a, year_of_activities):
    assert len(titles(login(bureau_reviewer).get(url(agency_a)))) == 3


@pytest.mark.parametrize("who", ["staff_b", "town_reviewer"])
def test_outsiders_get_404(request, login, agency_a, who):
    assert login(request.getfixturevalue(who)).get(url(agency_a)).status_code == 404


def test_anonymous_users_go_to_the_login_page(client, agency_a):
    response = client.get(url(agency_a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_absurd_year_is_404(login, staff_a, agency_a):
    assert login(staff_a).get(url(agency_a, 1900)).status_code == 404


def test_the_ledger_pages_by_fifty(login, staff_a, agency_a):
    Activity.objects.bulk_create(
        Activity(
            agency=agency_a,
            created_by=staff_a,
            year=YEAR,
            activity_type="new_media_post",
            title=f"微信公众号普法推文第{i}期",
            start_date=dt.date(YEAR, 1, 1) + dt.timedelta(days=i % 300),
        )
        for i in range(120)
    )
    response = login(staff_a).get(url(agency_a), {"page": 3})
    assert len(titles(response)) == 20


def test_the_query_count_does_not_grow_with_rows(login, staff_a, agency_a, item, django_assert_num_queries):
    client = login(staff_a)

    def add(count):
        Activity.objects.bulk_create(
            Activity(
                agency=agency_a,
                created_by=staff_a,
                year=YEAR,
                activity_type="six_places",
                six_places_target="schools",
                title=f"法治进校园{i}",
                start_date=dt.date(YEAR, 5, 1),
                checklist_item=item,
            )
            for i in range(count)
        )
        freshness.bump()  # as the project's bulk loads do: bulk_create sends no signals

    add(3)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the agency with its parent and filing office
    # 5. the opened years' cycles (the year guard and the year selector)
    # 6. the rows counted for the paginator
    # 7. the ★ study sessions counted
    # 8. the unread-notification count in the navigation bar
    # 9. the checklist items for the filter
    # 10. the page of rows with their item and evidence counted
    with django_assert_num_queries(10):
        assert client.get(url(agency_a), {"duty": "public"}).status_code == 200
    add(60)
    with django_assert_num_queries(10):  # the same ten for 63 rows
        assert client.get(url(agency_a), {"duty": "public"}).status_code == 200
    # Read again, the content is the cache's: what decides who may read it and the navigation bar's count remain.
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the agency with its parent and filing office
    # 5. the opened years' cycles (the year guard and the year selector)
    # 6. the unread-notification count in the navigation bar
    with django_assert_num_queries(6):
        assert client.get(url(agency_a), {"duty": "public"}).status_code == 200


def test_the_page_is_kept_until_the_agency_s_own_data_changes(
    login, staff_a, staff_b, agency_a, agency_b, django_assert_num_queries
):
    client = login(staff_a)
    make_activity(agency_a, staff_a, title="宪法宣传周进机关")
    assert "宪法宣传周进机关" in client.get(url(agency_a)).text
    make_activity(agency_b, staff_b, title="别的单位的活动")  # elsewhere in the district: the page stays kept
    with django_assert_num_queries(6):
        assert client.get(url(agency_a)).status_code == 200
    make_activity(agency_a, staff_a, title="民法典进社区")
    page = client.get(url(agency_a)).text
    assert "民法典进社区" in page
    assert "共 2 项活动" in page


def test_evidence_added_and_removed_shows_in_the_row_s_count(login, staff_a, agency_a):
    activity = make_activity(agency_a, staff_a, title="安全生产法宣讲")
    client = login(staff_a)

    def evidence_cell():
        return _cells(client.get(url(agency_a)).text, "安全生产法宣讲")[-1]

    assert evidence_cell() == "0"
    evidence = services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("签到表.pdf"))
    )
    assert evidence_cell() == "1"
    services.evidence_delete(evidence=Evidence.objects.select_related("activity").get(pk=evidence.pk))
    assert evidence_cell() == "0"


def test_a_reader_who_may_not_change_it_never_gets_the_clerk_s_buttons(
    login, staff_a, agency_a, bureau_reviewer, activity
):
    assert "登记活动" in login(staff_a).get(url(agency_a)).text
    page = login(bureau_reviewer).get(url(agency_a)).text
    assert "登记活动" not in page
    assert "只读" in page


def test_each_language_reads_its_own_words(login, staff_a, agency_a, activity):
    client = login(staff_a)
    assert "导出 Excel" in client.get(url(agency_a)).text
    client.post(reverse("set_language"), {"language": "en", "next": url(agency_a)})
    english = client.get(url(agency_a)).text
    assert "Export to Excel" in english
    assert "导出 Excel" not in english


def test_an_activity_of_a_campaign_names_it_in_its_row(login, staff_a, agency_a, bureau_admin):
    campaign = announce(
        bureau_admin,
        title="2026年“12·4”国家宪法日集中宣传活动",
        start_date=dt.date(YEAR, 12, 1),
        end_date=dt.date(YEAR, 12, 7),
        scope=Campaign.Scope.CHOSEN,
        chosen=[agency_a],
    )
    make_activity(agency_a, staff_a, title="宪法进社区", start_date=dt.date(YEAR, 12, 4), campaign=campaign)
    make_activity(agency_a, staff_a, title="日常讲座", start_date=dt.date(YEAR, 3, 10))
    client = login(staff_a)
    page = client.get(url(agency_a)).text
    assert "集中宣传活动：2026年“12·4”国家宪法日集中宣传活动" in _cells(page, "宪法进社区")[2]
    assert "集中宣传活动" not in _cells(page, "日常讲座")[2]
    campaign.title = "2026年国家宪法日集中宣传周"
    campaign.save()  # another agency's campaign, yet its title is in this ledger's rows
    assert "集中宣传活动：2026年国家宪法日集中宣传周" in _cells(client.get(url(agency_a)).text, "宪法进社区")[2]


def _cells(page: str, title: str) -> list[str]:
    """The texts of the cells of the row whose title is ``title``."""
    row = page[page.rindex("<tr>", 0, page.index(title)) : page.index("</tr>", page.index(title))]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
