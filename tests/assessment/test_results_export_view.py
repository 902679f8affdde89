"""The results workbook: everyone in scope once published; the bureau, reviewers and leadership before."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from .conftest import YEAR

URL = reverse("assessment:results_export", args=[YEAR])


def rows(response):
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_the_bureau_exports_every_result_with_each_indicator(login, bureau_admin, scored):
    response = login(bureau_admin).get(URL)
    assert response.status_code == 200
    sheet = rows(response)
    assert sheet[0][:2] == ("全区排名", "责任单位") and "清单按时备案（10）" in sheet[0] and "亮灯" in sheet[0]
    assert len(sheet) == 1 + 4
    a = next(row for row in sheet if row[1] == "常州市新北区市场监督管理局")
    assert a[4] == 10.0  # filed on time
    assert "暂定" in response["Content-Disposition"] or "%E6%9A%82%E5%AE%9A" in response["Content-Disposition"]


def test_staff_cannot_export_before_publishing_and_only_their_own_after(login, staff_a, scored, bureau_admin):
    assert login(staff_a).get(URL).status_code == 403
    from assessment import services

    services.results_publish(rubric=scored, user=bureau_admin)
    sheet = rows(login(staff_a).get(URL))
    assert [row[1] for row in sheet[1:]] == ["常州市新北区市场监督管理局"]


def test_anonymous_users_go_to_the_login_page(client, scored):
    assert client.get(URL).status_code == 302
