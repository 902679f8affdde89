"""Importing items into a draft from the template: all rows or none, and the draft untouched on errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Law

from .test_spreadsheets import good_row, reopen, xlsx


def import_url(checklist):
    return reverse("checklists:import", args=[checklist.pk])


@pytest.fixture
def catalogue(db):
    return [Law.objects.create(title="中华人民共和国食品安全法"), Law.objects.create(title="中华人民共和国产品质量法")]


def contents(checklist):
    return list(checklist.items.order_by("position").values_list("content", flat=True))


def test_a_good_file_adds_its_rows_after_the_existing_items(login, staff_a, draft_a, catalogue):
    upload = xlsx([good_row(content="导入一"), good_row(content="导入二")])
    response = login(staff_a).post(import_url(draft_a), {"file": upload})
    assert response.status_code == 302 and response.url == reverse("checklists:items", args=[draft_a.pk])
    assert contents(draft_a) == ["普法事项1", "普法事项2", "导入一", "导入二"]


def test_a_file_with_two_bad_rows_imports_nothing_and_lists_both(login, staff_a, draft_a, catalogue):
    upload = xlsx([good_row(), good_row(goal=""), good_row(), good_row(forms="跳广场舞")])
    response = login(staff_a).post(import_url(draft_a), {"file": upload})
    assert response.status_code == 200
    assert "未导入任何事项：有 2 行需要修改" in response.text
    assert "第 3 行" in response.text and "第 5 行" in response.text and "“跳广场舞”不是规定的选项" in response.text
    assert contents(draft_a) == ["普法事项1", "普法事项2"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"PK\x03\x04 this zip is cut short", "文件已损坏，无法读取"),
        ("单位,事项\n区市场监管局,宣传\n".encode(), "这不是 Excel（.xlsx）文件"),
        (b"\x89PNG\r\n\x1a\n fake image", "这不是 Excel（.xlsx）文件"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_and_the_draft_untouched(login, staff_a, draft_a, content, message):
    response = login(staff_a).post(import_url(draft_a), {"file": SimpleUploadedFile("清单.xlsx", content)})
    assert response.status_code == 200 and message in response.text
    assert contents(draft_a) == ["普法事项1", "普法事项2"]


def test_a_file_over_5_mb_is_refused(login, staff_a, draft_a):
    big = SimpleUploadedFile("大文件.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 1))
    response = login(staff_a).post(import_url(draft_a), {"file": big})
    assert response.status_code == 200 and "文件超过 5 MB" in response.text
    assert draft_a.items.count() == 2


def test_a_submitted_checklist_takes_no_import(login, staff_a, submitted_a, catalogue):
    response = login(staff_a).post(import_url(submitted_a), {"file": xlsx([good_row()])})
    assert response.status_code == 302
    assert submitted_a.items.count() == 2


@pytest.mark.parametrize("who,status", [("staff_parent", 403), ("staff_b", 404), ("bureau_reviewer", 403)])
def test_only_the_agencys_staff_import(request, login, draft_a, catalogue, who, status):
    response = login(request.getfixturevalue(who)).post(import_url(draft_a), {"file": xlsx([good_row()])})
    assert response.status_code == status
    assert draft_a.items.count() == 2


def test_the_template_downloads(login, staff_a):
    response = login(staff_a).get(reverse("checklists:template"))
    assert response.status_code == 200
    assert reopen(response).worksheets[0]["B1"].value == "普法内容"


def test_the_checklist_downloads_for_those_who_see_it(login, staff_a, staff_parent, staff_b, draft_a):
    url = reverse("checklists:download", args=[draft_a.pk])
    sheet = reopen(login(staff_parent).get(url)).active
    assert sheet["B2"].value == "普法事项1" and sheet["F2"].value == "0519-85001234"
    assert login(staff_b).get(url).status_code == 404
