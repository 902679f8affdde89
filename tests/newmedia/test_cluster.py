"""The district's new-media cluster page and its export."""

import datetime as dt
import io
from urllib.parse import unquote

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activities.models import Activity, MediaAccount
from activities.newmedia import selectors

YEAR = 2026


def url(year=YEAR):
    return reverse("newmedia:cluster", args=[year])


def post(account, day, *, year=YEAR, deleted=False):
    return Activity.objects.create(
        agency=account.agency,
        created_by=account.created_by,
        activity_type="new_media_post",
        title="以案释法：预付卡消费维权",
        start_date=dt.date(year, 3, day),
        media_account=account,
        deleted_at=timezone.now() if deleted else None,
    )


def independent_counts(year):
    """Counted here by walking every activity, not through the selector."""
    counts = dict.fromkeys(MediaAccount.objects.values_list("pk", flat=True), 0)
    for activity in Activity.objects.all():
        if activity.media_account_id and activity.year == year and activity.deleted_at is None:
            counts[activity.media_account_id] += 1
    return counts


def test_reviewers_see_every_account_with_its_activities_of_the_year(login, bureau_reviewer, wechat_a, weibo_b):
    for day in (1, 2, 3):
        post(wechat_a, day)
    post(wechat_a, 4, deleted=True)  # deleted: not counted
    post(wechat_a, 5, year=YEAR - 1)  # another year
    post(weibo_b, 6)
    response = login(bureau_reviewer).get(url())
    shown = {account.pk: account.activity_count for account in response.context["page"]}
    assert shown == {wechat_a.pk: 3, weibo_b.pk: 1} == independent_counts(YEAR)
    assert "新北市场监管" in response.text and "微信公众号" in response.text


def test_a_town_reviewer_sees_only_their_offices_agencies(login, town_reviewer, agency_town, staff_town, wechat_a):
    town = MediaAccount.objects.create(
        agency=agency_town,
        platform="short_video",
        name="薛家发布",
        url="https://www.douyin.com/user/xj",
        created_by=staff_town,
    )
    page = login(town_reviewer).get(url()).context["page"]
    assert [account.pk for account in page] == [town.pk]


def test_agency_staff_may_not_read_the_cluster(login, staff_a, wechat_a):
    assert login(staff_a).get(url()).status_code == 403
    assert login(staff_a).get(reverse("newmedia:cluster_export", args=[YEAR])).status_code == 403


def test_a_year_not_opened_is_404(login, leader):
    assert login(leader).get(url(2019)).status_code == 404


def test_filters_by_platform_office_status_and_name(login, leader, bureau_office, town_office, wechat_a, weibo_b):
    client = login(leader)

    def names(**query):
        return [account.name for account in client.get(url(), query).context["page"]]

    assert names(platform="weibo") == ["新北教育"]
    assert names(office=bureau_office.pk) == ["新北市场监管", "新北教育"]  # by agency name: 市场监督… before 教育…
    assert names(office=town_office.pk) == []
    assert names(q="市场") == ["新北市场监管"]
    MediaAccount.objects.filter(pk=weibo_b.pk).update(is_active=False)
    assert names(status="inactive") == ["新北教育"]
    assert names(status="active") == ["新北市场监管"]


def test_a_bad_filter_is_400(login, leader):
    assert login(leader).get(url(), {"platform": "myspace"}).status_code == 400


def test_the_export_has_chinese_headers_and_every_filtered_account(login, leader, wechat_a, weibo_b):
    post(wechat_a, 1)
    response = login(leader).get(reverse("newmedia:cluster_export", args=[YEAR]), {"platform": "wechat"})
    assert response.status_code == 200
    assert f"{YEAR}年新媒体普法网络集群.xlsx" in unquote(response["Content-Disposition"])
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert header == ("责任单位", "备案机关", "平台", "账号名称", "链接", "备注", "状态", f"{YEAR}年关联活动数")
    assert rows == [
        (
            "常州市新北区市场监督管理局",
            "新北区委政法委（司法局）",
            "微信公众号",
            "新北市场监管",
            "https://mp.weixin.qq.com/s/xinbei-scjg",
            None,
            "在用",
            1,
        )
    ]


def test_the_query_count_does_not_grow_with_accounts(
    login, bureau_reviewer, agency_a, staff_a, django_assert_num_queries
):
    client = login(bureau_reviewer)

    def add(count):
        start = MediaAccount.objects.count()
        for number in range(start, start + count):
            account = MediaAccount.objects.create(
                agency=agency_a,
                platform="weibo",
                name=f"账号{number:03d}",
                url="https://weibo.com/x",
                created_by=staff_a,
            )
            post(account, 1)

    add(2)
    # 1. the session
    # 2. the user
    # 3. the year's cycle (the year guard)
    # 4. the reviewer's filing office (scope)
    # 5. the count of accounts (paginator)
    # 6. the unread-notification count in the navigation bar
    # 7. the filing offices for the filter
    # 8. the page's accounts with their agency, office and count of activities
    with django_assert_num_queries(8):
        assert client.get(url()).status_code == 200
    add(60)  # more than a page
    with django_assert_num_queries(8):  # the same eight for sixty more accounts
        assert client.get(url(), {"page": 2}).status_code == 200


def test_accounts_activity_gives_the_report_the_active_and_the_used_accounts(agency_a, staff_a, wechat_a):
    unused = MediaAccount.objects.create(
        agency=agency_a,
        platform="weibo",
        name="旧微博",
        url="https://weibo.com/old",
        created_by=staff_a,
        is_active=False,
    )
    used = MediaAccount.objects.create(
        agency=agency_a,
        platform="website",
        name="局网站普法专栏",
        url="https://www.example.gov.cn/pf",
        created_by=staff_a,
        is_active=False,
    )
    post(used, 2)
    post(wechat_a, 3)
    post(wechat_a, 4)
    accounts = selectors.accounts_activity(agency_a, YEAR)
    assert {account.pk: account.activity_count for account in accounts} == {wechat_a.pk: 2, used.pk: 1}
    assert unused not in accounts
