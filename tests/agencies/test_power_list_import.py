"""The bureau imports each agency's enforced laws from a power list (权力清单): every row checked first, then the
listed agencies' laws replaced, all or nothing; hostile files refused; administrators only."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agencies.models import Law

from ..files import HTML

URL = reverse("agencies:power_list_import")
TEMPLATE = reverse("agencies:power_list_template")
HEADER = ("单位（统一社会信用代码或名称）", "法律法规（与法律法规库中的名称一致）")


def xlsx(rows, header=HEADER, name="权力清单.xlsx"):
    workbook = Workbook()
    workbook.active.append(header)
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def catalogue(db):
    return {
        title: Law.objects.create(title=title)
        for title in ("中华人民共和国食品安全法", "中华人民共和国产品质量法", "中华人民共和国教育法")
    }


def titles(agency):
    return sorted(agency.laws.values_list("title", flat=True))


def test_a_good_file_replaces_the_listed_agencies_laws_and_keeps_the_others(
    login, bureau_admin, agency_a, agency_b, agency_parent, catalogue
):
    agency_a.laws.set([catalogue["中华人民共和国教育法"]])
    agency_parent.laws.set([catalogue["中华人民共和国教育法"]])
    upload = xlsx(
        [
            ("常州市新北区市场监督管理局", "中华人民共和国食品安全法"),
            ("区市场监管局", "中华人民共和国产品质量法"),  # the short name, when unambiguous
            ("常州市新北区教育局", "中华人民共和国教育法"),
        ]
    )
    response = login(bureau_admin).post(URL, {"file": upload})
    assert response.status_code == 302
    assert titles(agency_a) == ["中华人民共和国产品质量法", "中华人民共和国食品安全法"]  # replaced
    assert titles(agency_b) == ["中华人民共和国教育法"]
    assert titles(agency_parent) == ["中华人民共和国教育法"]  # not in the file: kept


def test_an_agency_named_alone_is_left_with_no_enforced_laws(login, bureau_admin, agency_a, catalogue):
    agency_a.laws.set(catalogue.values())
    login(bureau_admin).post(URL, {"file": xlsx([("常州市新北区市场监督管理局", None)])})
    assert titles(agency_a) == []


def test_bad_rows_are_each_listed_and_nothing_is_saved(login, bureau_admin, agency_a, agency_b, catalogue):
    agency_a.laws.set([catalogue["中华人民共和国教育法"]])
    upload = xlsx(
        [
            ("常州市新北区市场监督管理局", "中华人民共和国食品安全法"),
            ("不存在的单位", "中华人民共和国食品安全法"),
            ("常州市新北区教育局", "中华人民共和国不存在法"),
            (None, "中华人民共和国教育法"),
        ]
    )
    response = login(bureau_admin).post(URL, {"file": upload})
    assert response.status_code == 200
    assert [number for number, _reason in response.context["bad_rows"]] == [3, 4, 5]
    page = response.text
    assert "未导入，执法依据均未改动：有 3 行需要修改" in page
    assert "没有统一社会信用代码或名称为“不存在的单位”的在册单位" in page
    assert "“中华人民共和国不存在法”不在法律法规库中" in page
    assert titles(agency_a) == ["中华人民共和国教育法"]
    assert titles(agency_b) == []


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("权力清单.xlsx", HTML),
        SimpleUploadedFile("权力清单.xlsx", b"PK\x03\x04" + b"\x00" * 64),
    ],
    ids=["html posing as xlsx", "broken zip"],
)
def test_a_hostile_file_is_refused_with_a_reason(login, bureau_admin, agency_a, catalogue, upload):
    response = login(bureau_admin).post(URL, {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert titles(agency_a) == []


def test_a_zip_bomb_is_refused(login, bureau_admin, agency_a, catalogue):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    response = login(bureau_admin).post(URL, {"file": SimpleUploadedFile("权力清单.xlsx", buffer.getvalue())})
    assert response.context["form"].errors["file"]
    assert titles(agency_a) == []


def test_another_spreadsheet_is_not_taken_for_the_template(login, bureau_admin, agency_a, catalogue):
    upload = xlsx([("常州市新北区市场监督管理局", "中华人民共和国食品安全法")], header=("名称", "备注"))
    response = login(bureau_admin).post(URL, {"file": upload})
    assert response.context["form"].errors["file"]
    assert titles(agency_a) == []


def test_the_page_says_it_replaces_the_listed_agencies_laws(login, bureau_admin):
    assert "文件中列出的每个单位，其执行的法律法规将被替换为文件为其列出的法律法规" in login(bureau_admin).get(URL).text


def test_the_template_has_chinese_headers_and_the_laws_on_record(login, bureau_admin, agency_a, agency_b, catalogue):
    agency_a.laws.set([catalogue["中华人民共和国食品安全法"]])
    response = login(bureau_admin).get(TEMPLATE)
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0] == HEADER
    assert ("常州市新北区市场监督管理局", "中华人民共和国食品安全法") in rows
    assert ("常州市新北区教育局", None) in rows  # no laws on record: named alone


def test_the_template_uploaded_back_changes_nothing(login, bureau_admin, agency_a, agency_b, catalogue):
    agency_a.laws.set([catalogue["中华人民共和国食品安全法"], catalogue["中华人民共和国产品质量法"]])
    client = login(bureau_admin)
    content = b"".join(client.get(TEMPLATE).streaming_content)
    assert client.post(URL, {"file": SimpleUploadedFile("权力清单.xlsx", content)}).status_code == 302
    assert titles(agency_a) == ["中华人民共和国产品质量法", "中华人民共和国食品安全法"]
    assert titles(agency_b) == []


@pytest.mark.parametrize("role", ["staff_a", "bureau_reviewer", "leader"])
def test_only_bureau_administrators_import(role, request, login, agency_a, catalogue):
    user = request.getfixturevalue(role)
    upload = xlsx([("常州市新北区市场监督管理局", "中华人民共和国食品安全法")])
    assert login(user).post(URL, {"file": upload}).status_code == 403
    assert login(user).get(TEMPLATE).status_code == 403
    assert titles(agency_a) == []
