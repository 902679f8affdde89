"""The ledger as an .xlsx: Chinese headers, real dates, the filters applied, streamed with bounded memory."""

import datetime as dt
import io
import time
import tracemalloc

from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Activity, Campaign

from ..campaigns.conftest import announce
from .conftest import YEAR, make_activity


def url(agency, year=YEAR):
    return reverse("activities:ledger_export", args=[agency.pk, year])


def sheet_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def test_the_export_holds_the_ledger_with_chinese_headers(login, staff_a, agency_a, item):
    make_activity(
        agency_a,
        staff_a,
        title="食品安全进社区",
        activity_type="six_places",
        six_places_target="communities",
        checklist_item=item,
        audiences=["public", "managed"],
        people_reached=120,
    )
    make_activity(agency_a, staff_a, title='=HYPERLINK("http://x")')
    deleted = make_activity(agency_a, staff_a, title="已删除的活动")
    deleted.deleted_at = deleted.created_at
    deleted.save()
    response = login(staff_a).get(url(agency_a))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    header, *rows = sheet_rows(response)
    assert header[:5] == ("序号", "日期", "结束日期", "职责类别", "活动类型")
    assert len(rows) == 2
    six_places = next(row for row in rows if row[6] == "食品安全进社区")
    assert six_places[1] == dt.datetime(YEAR, 3, 15)
    assert six_places[4] == "法律六进" and six_places[5] == "进社区"
    assert six_places[8] == "社会公众、管理对象" and six_places[10] == 120
    assert six_places[11] == item.content
    assert any(row[6] == '=HYPERLINK("http://x")' for row in rows)  # kept as text, not a formula


def test_the_export_logs_each_activity_at_beijing_time(login, staff_a, agency_a):
    """Logged at 23:30 UTC on 31 May is 07:30 on 1 June in Beijing: the day a clerk saw on the screen."""
    logged = make_activity(agency_a, staff_a, title="宪法宣传周")
    Activity.objects.filter(pk=logged.pk).update(created_at=dt.datetime(YEAR, 5, 31, 23, 30, tzinfo=dt.UTC))
    header, row = sheet_rows(login(staff_a).get(url(agency_a)))
    assert header[17] == "登记时间"
    assert row[17] == dt.datetime(YEAR, 6, 1, 7, 30)


def test_the_export_lists_the_activities_in_the_page_s_order(login, staff_a, agency_a):
    """Newest first, as the ledger page: a clerk checking the file against the page finds the same first row."""
    make_activity(agency_a, staff_a, title="三月讲座", start_date=dt.date(YEAR, 3, 1))
    make_activity(agency_a, staff_a, title="九月讲座", start_date=dt.date(YEAR, 9, 1))
    make_activity(agency_a, staff_a, title="六月讲座", start_date=dt.date(YEAR, 6, 1))
    make_activity(agency_a, staff_a, title="六月又一场", start_date=dt.date(YEAR, 6, 1))
    client = login(staff_a)
    page = [
        activity.title
        for activity in client.get(reverse("activities:ledger", args=[agency_a.pk, YEAR])).context["page"]
    ]
    rows = sheet_rows(client.get(url(agency_a)))[1:]
    assert [row[6] for row in rows] == page == ["九月讲座", "六月又一场", "六月讲座", "三月讲座"]
    assert [row[0] for row in rows] == [1, 2, 3, 4]


def test_the_export_names_the_campaign_each_activity_was_logged_for(
    login, staff_a, agency_a, bureau_admin, django_assert_num_queries
):
    campaign = announce(
        bureau_admin,
        title="2026年“法润新北”集中宣传月",
        start_date=dt.date(YEAR, 3, 1),
        end_date=dt.date(YEAR, 3, 31),
        scope=Campaign.Scope.CHOSEN,
        chosen=[agency_a],
    )
    make_activity(agency_a, staff_a, title="宣传月进社区", start_date=dt.date(YEAR, 3, 20), campaign=campaign)
    make_activity(agency_a, staff_a, title="日常讲座", start_date=dt.date(YEAR, 3, 10))
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the agency with its parent and filing office
    # 5. the opened years' cycles (the year guard)
    # 6. the rows with their item and campaign joined and their evidence counted: none per row
    with django_assert_num_queries(6):
        header, *rows = sheet_rows(client.get(url(agency_a)))
    assert header[12] == "集中宣传活动"
    assert [(row[6], row[12]) for row in rows] == [("宣传月进社区", "2026年“法润新北”集中宣传月"), ("日常讲座", None)]


def test_the_export_follows_the_filters(login, staff_a, agency_a):
    make_activity(agency_a, staff_a, title="党组中心组学法", activity_type="party_group_study")
    make_activity(agency_a, staff_a, title="网站普法推文", activity_type="new_media_post")
    rows = sheet_rows(login(staff_a).get(url(agency_a), {"duty": "media"}))
    assert [row[6] for row in rows[1:]] == ["网站普法推文"]


def test_outsiders_cannot_export(login, staff_b, agency_a):
    assert login(staff_b).get(url(agency_a)).status_code == 404


def test_the_parent_agency_exports_its_units_ledger(login, staff_parent, agency_a):
    assert login(staff_parent).get(url(agency_a)).status_code == 200


def test_a_100000_row_export_stays_within_50_mb(login, staff_a, agency_a, item):
    """Rows come from the database as values and go to a write-only workbook on disk: memory stays bounded."""
    start = dt.date(YEAR, 1, 1)
    batch = []
    for number in range(100_000):
        batch.append(
            Activity(
                agency=agency_a,
                created_by=staff_a,
                year=YEAR,
                activity_type="six_places",
                six_places_target="schools",
                title=f"“法治进校园”巡回宣讲第{number}场",
                start_date=start + dt.timedelta(days=number % 365),
                place="新北区实验中学报告厅",
                audiences=["public"],
                people_reached=number % 500,
                checklist_item=item,
                description="结合典型案例讲解未成年人保护法、预防未成年人犯罪法。",
            )
        )
        if len(batch) == 5000:
            Activity.objects.bulk_create(batch)
            batch = []
    client = login(staff_a)
    tracemalloc.start()
    began = time.monotonic()
    try:
        response = client.get(url(agency_a))
        size = sum(len(chunk) for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    assert size > 1_000_000
    print(f"100,000-row ledger: {size / 1024 / 1024:.1f} MB file, peak {peak / 1024 / 1024:.1f} MB traced")
    assert peak < 50 * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB in {time.monotonic() - began:.0f} s"
