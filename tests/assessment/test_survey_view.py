"""The survey import page and its template: bureau administrators only; bad rows listed with their numbers."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import SurveyResult

from .conftest import YEAR

URL = reverse("assessment:survey_import", args=[YEAR])
TEMPLATE = reverse("assessment:survey_template", args=[YEAR])


def csv(text, encoding="utf-8-sig"):
    return SimpleUploadedFile("测评结果.csv", text.encode(encoding))


def test_a_good_file_is_imported_and_the_page_says_so(login, bureau_admin, rubric, agency_a, agency_b):
    upload = csv("单位,知晓率,满意度\n常州市新北区市场监督管理局,88,92\n常州市新北区教育局,76.5,81\n")
    response = login(bureau_admin).post(URL, {"file": upload}, follow=True)
    assert "已导入 2 个单位的测评结果" in response.text
    assert SurveyResult.objects.count() == 2


def test_bad_rows_are_listed_with_their_row_numbers_and_nothing_is_imported(login, bureau_admin, rubric, agency_a):
    upload = csv(
        "单位,知晓率,满意度\n常州市新北区市场监督管理局,88,92\n某某局,70,70\n常州市新北区市场监督管理局,120,90\n",
        "gb18030",
    )
    response = login(bureau_admin).post(URL, {"file": upload})
    assert response.status_code == 200
    assert response.context["bad_rows"][0][0] == 3 and "某某局" in response.text
    assert response.context["bad_rows"][1][0] == 4 and "120 不在 0 至 100 之间" in response.text
    assert "未导入任何数据：有 2 行有误" in response.text
    assert not SurveyResult.objects.exists()


def test_the_template_lists_every_active_agency_under_chinese_headers(login, bureau_admin, agency_a, agency_b):
    response = login(bureau_admin).get(TEMPLATE)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == ("单位（统一社会信用代码或名称）", "知晓率（0–100）", "满意度（0–100）")
    assert {row[0] for row in rows[1:]} == {
        "常州市新北区市场监督管理局",
        "常州市新北区人民政府办公室",
        "常州市新北区教育局",
    }


def test_only_bureau_administrators_import(login, bureau_reviewer, staff_a, leader, rubric):
    for user in (bureau_reviewer, staff_a):
        assert login(user).get(URL).status_code == 403
        assert login(user).get(TEMPLATE).status_code == 403
    assert login(leader).post(URL, {"file": csv("a,b,c\n")}).status_code == 403


def test_a_published_year_refuses_an_import(login, bureau_admin, published, agency_a):
    upload = csv("单位,知晓率,满意度\n常州市新北区市场监督管理局,88,92\n")
    response = login(bureau_admin).post(URL, {"file": upload})
    assert response.status_code == 200 and "已公布" in response.text
    assert not SurveyResult.objects.exists()
