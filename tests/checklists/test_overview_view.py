"""The filing overview: every agency in scope against its status for the year, filterable, exportable."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .conftest import YEAR, approved, draft, many_agencies, submitted

OVERVIEW = reverse("checklists:overview")
EXPORT = reverse("checklists:overview_export")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def statuses(response):
    return {agency.name: (agency.filing_status, agency.timing) for agency in response.context["rows"]}


def test_every_agency_in_scope_appears_with_its_status(
    login, bureau_reviewer, staff_a, staff_b, agency_parent, agency_town, staff_town
):
    approved(staff_a.agency, staff_a, bureau_reviewer, at=dt.datetime(YEAR, 2, 20, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 3, 3, tzinfo=SHANGHAI))
    draft(agency_town, staff_town)
    response = login(bureau_reviewer).get(OVERVIEW, {"year": YEAR})
    assert response.status_code == 200
    found = statuses(response)
    assert found["常州市新北区市场监督管理局"] == ("approved", "on_time")
    assert found["常州市新北区教育局"] == ("submitted", "late")
    assert found["常州市新北区薛家镇人民政府"][0] == "draft"
    assert found["常州市新北区人民政府办公室"][0] == "not_started"


def test_the_tabs_count_the_agencies_in_each_status_of_what_is_filtered(
    login, bureau_reviewer, staff_a, staff_b, agency_parent, agency_town, staff_town
):
    approved(staff_a.agency, staff_a, bureau_reviewer, at=dt.datetime(YEAR, 2, 20, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 3, 3, tzinfo=SHANGHAI))
    draft(agency_town, staff_town)
    client = login(bureau_reviewer)
    counts = dict(client.get(OVERVIEW, {"year": YEAR}).context["counts"])
    assert counts == {"未填报": 1, "草稿": 1, "已报送": 1, "已退回": 0, "已通过": 1}
    only_late = dict(client.get(OVERVIEW, {"year": YEAR, "timing": "late"}).context["counts"])
    assert only_late == {"未填报": 0, "草稿": 0, "已报送": 1, "已退回": 0, "已通过": 0}


def test_a_town_office_sees_only_its_agencies(login, town_reviewer, agency_a, agency_town):
    assert set(statuses(login(town_reviewer).get(OVERVIEW))) == {"常州市新北区薛家镇人民政府"}


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"status": "submitted"}, {"常州市新北区教育局"}),
        ({"status": "not_started", "level": "town"}, {"常州市新北区薛家镇人民政府"}),
        ({"timing": "late"}, {"常州市新北区教育局"}),
        ({"q": "市场"}, {"常州市新北区市场监督管理局"}),
    ],
)
def test_the_overview_filters(login, bureau_reviewer, staff_a, staff_b, agency_town, query, expected):
    approved(staff_a.agency, staff_a, bureau_reviewer, at=dt.datetime(YEAR, 2, 20, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 3, 3, tzinfo=SHANGHAI))
    response = login(bureau_reviewer).get(OVERVIEW, {"year": YEAR, **query})
    assert set(statuses(response)) == expected


def test_the_export_reopens_with_chinese_headers_and_the_filtered_rows(login, bureau_reviewer, staff_a, staff_b):
    approved(staff_a.agency, staff_a, bureau_reviewer, at=dt.datetime(YEAR, 2, 20, tzinfo=SHANGHAI))
    response = login(bureau_reviewer).get(EXPORT, {"year": YEAR, "status": "approved"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:6] == ("责任单位", "单位类型", "层级", "备案机关", "状态", "是否按时")
    assert [row[0] for row in rows[1:]] == ["常州市新北区市场监督管理局"]
    assert rows[1][4:6] == ("已通过", "按时报送")
    assert rows[1][6] == dt.datetime(YEAR, 2, 20, 0, 0)
    assert sheet.freeze_panes == "A2"


def test_the_export_gives_a_returned_checklist_its_decision_time(login, bureau_reviewer, staff_a, time_machine):
    from checklists import services

    checklist = submitted(staff_a.agency, staff_a, at=dt.datetime(YEAR, 2, 10, tzinfo=SHANGHAI))
    time_machine.move_to(dt.datetime(YEAR, 2, 12, 15, 30, tzinfo=SHANGHAI), tick=False)
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="请补充执法依据")
    response = login(bureau_reviewer).get(EXPORT, {"year": YEAR})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    row = next(row for row in rows if row[0] == staff_a.agency.name)
    assert row[4] == "已退回" and row[7] == dt.datetime(YEAR, 2, 12, 15, 30)


@pytest.mark.parametrize("who,status", [("staff_a", 403), ("leader", 200), ("bureau_admin", 200)])
def test_who_may_read_the_overview(request, login, who, status):
    assert login(request.getfixturevalue(who)).get(OVERVIEW).status_code == status
    assert login(request.getfixturevalue(who)).get(EXPORT).status_code == status


def test_the_overview_query_count_does_not_grow_with_agencies(
    login, bureau_reviewer, bureau_office, django_assert_num_queries
):
    client = login(bureau_reviewer)
    every_status = ("draft", "submitted", "returned", "approved", None)
    many_agencies(bureau_office, 5, statuses=every_status)
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the year guard and the year filter)
    # 4. the user's filing office (scope)
    # 5. the counts by filing status (their sum is the paginator's count)
    # 6. one page of agencies with their office, filing status and enforced laws covered
    # 7. the unread-notification count in the navigation bar
    # 8. the filing offices for the filter
    with django_assert_num_queries(8):
        assert len(client.get(OVERVIEW, {"year": YEAR}).context["rows"]) == 5
    many_agencies(bureau_office, 495, start=5, statuses=every_status)
    with django_assert_num_queries(8):  # the same eight for 500 agencies
        response = client.get(OVERVIEW, {"year": YEAR})
    page = response.context["page"]
    assert len(page) == 100 and page.paginator.count == 500 and page.paginator.num_pages == 5
    assert sum(count for _label, count in response.context["counts"]) == 500
    every_page = [row for n in range(1, 6) for row in client.get(OVERVIEW, {"year": YEAR, "page": n}).context["rows"]]
    assert len({agency.pk for agency in every_page}) == 500
    assert {agency.filing_status for agency in every_page} == {
        "draft",
        "submitted",
        "returned",
        "approved",
        "not_started",
    }
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the year guard and the filter's year choices)
    # 4. the filing offices (the filter's choices)
    # 5. every agency with its office, filing status and enforced laws covered
    with django_assert_num_queries(5):
        assert client.get(EXPORT, {"year": YEAR}).status_code == 200
