"""Bulk import from the template: every row checked, all or nothing, each bad row listed, hostile files refused."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from activities.models import Activity

from .conftest import YEAR


def url(agency, year=YEAR):
    return reverse("activities:import", args=[agency.pk, year])


def workbook_file(rows, name="活动.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "日期",
            "结束日期",
            "活动类型",
            "“六进”对象",
            "活动名称",
            "地点",
            "普法对象",
            "对象说明",
            "覆盖人数",
            "清单事项序号",
            "涉及法律法规",
            "活动内容",
            "链接",
        ]
    )
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


GOOD = [
    [
        dt.date(YEAR, 3, 5),
        None,
        "党委（党组）中心组学法",
        None,
        "党组中心组学习民法典",
        "局机关会议室",
        "领导干部和国家工作人员",
        None,
        20,
        2,
        "中华人民共和国食品安全法",
        "集中学习",
        None,
    ],
    [
        f"{YEAR}-05-20",
        f"{YEAR}-05-21",
        "法律六进",
        "进学校",
        "食品安全进校园",
        "新北区实验中学",
        "社会公众",
        "在校学生",
        "300",
        1,
        "食品安全法",
        None,
        "https://www.example.gov.cn/a.html",
    ],
]


def test_a_good_file_imports_every_row(login, staff_a, agency_a, item, law):
    response = login(staff_a).post(url(agency_a), {"file": workbook_file(GOOD)})
    assert response.status_code == 302
    study, school = Activity.objects.order_by("start_date")
    assert study.activity_type == "party_group_study" and study.checklist_item.position == 2
    assert list(study.laws.all()) == [law]
    assert school.six_places_target == "schools" and school.end_date == dt.date(YEAR, 5, 21)
    assert school.people_reached == 300 and school.audiences == ["public"] and school.checklist_item == item
    assert {study.created_by, school.created_by} == {staff_a}


def test_one_bad_row_refuses_the_whole_file_and_each_bad_row_is_listed(login, staff_a, agency_a, item, law):
    rows = GOOD + [
        [f"{YEAR - 1}-12-31", None, "专题法治讲座", None, "去年的讲座", None, None, None, 10, None, None, None, None],
        [
            f"{YEAR}-06-01",
            None,
            "法律六进",
            None,
            "缺少六进对象",
            None,
            "外星人",
            None,
            "很多",
            9,
            "不存在的法",
            None,
            "ftp://x",
        ],
    ]
    response = login(staff_a).post(url(agency_a), {"file": workbook_file(rows)})
    assert response.status_code == 200
    assert not Activity.objects.exists()
    errors = {error.row: error.reason for error in response.context["row_errors"]}
    assert set(errors) == {4, 5}
    assert f"{YEAR}" in errors[4]
    for reason in ("外星人", "很多", "第 9 项", "不存在的法"):
        assert reason in errors[5]
    assert "未导入任何数据" in response.text


def test_an_after_import_rule_failure_is_listed_too(login, staff_a, agency_a, item):
    rows = [[f"{YEAR}-06-01", None, "法律六进", None, "缺少六进对象", None, None, None, 1, None, None, None, None]]
    response = login(staff_a).post(url(agency_a), {"file": workbook_file(rows)})
    assert response.context["row_errors"][0].row == 2
    assert "六进" in response.context["row_errors"][0].reason


@pytest.mark.parametrize(
    "payload",
    [
        b"<html><body>not a spreadsheet</body></html>",
        b"PK\x03\x04 broken zip",
    ],
)
def test_hostile_or_broken_files_are_refused(login, staff_a, agency_a, payload):
    response = login(staff_a).post(url(agency_a), {"file": SimpleUploadedFile("活动.xlsx", payload)})
    assert response.status_code == 200 and not Activity.objects.exists()
    assert response.context["form"].errors["file"]


def test_a_zip_bomb_is_refused(login, staff_a, agency_a):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    response = login(staff_a).post(url(agency_a), {"file": SimpleUploadedFile("活动.xlsx", output.getvalue())})
    assert response.status_code == 200 and not Activity.objects.exists()


def test_the_template_has_the_columns_and_a_guide(login, staff_a):
    response = login(staff_a).get(reverse("activities:import_template"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    header = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert header[0] == "日期 *" and header[2] == "活动类型 *" and header[9] == "清单事项序号"
    assert "填写说明" in workbook.sheetnames


def test_the_exported_template_imports_once_filled(login, staff_a, agency_a):
    """The template's own headers, then a row: what users really do."""
    response = login(staff_a).get(reverse("activities:import_template"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    workbook.worksheets[0].append([f"{YEAR}-12-04", None, "12·4国家宪法日", None, "宪法宣传周广场活动"])
    output = io.BytesIO()
    workbook.save(output)
    result = login(staff_a).post(url(agency_a), {"file": SimpleUploadedFile("t.xlsx", output.getvalue())})
    assert result.status_code == 302
    assert Activity.objects.get().activity_type == "constitution_day"


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer"])
def test_those_who_only_read_get_403(request, login, agency_a, who):
    client = login(request.getfixturevalue(who))
    assert client.get(url(agency_a)).status_code == 403
    assert client.post(url(agency_a), {"file": workbook_file(GOOD)}).status_code == 403
    assert not Activity.objects.exists()


def test_outsiders_get_404(login, staff_b, agency_a):
    assert login(staff_b).get(url(agency_a)).status_code == 404
