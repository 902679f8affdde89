"""The year's decisions as .xlsx: Chinese file name and headers, one sheet each, the reader's scope."""

import io
from urllib.parse import unquote

from django.urls import reverse
from openpyxl import load_workbook

from .conftest import YEAR


def test_the_export_has_both_sheets_in_chinese(login, leader, commendation_a, measure_a, measure_b):
    response = login(leader).get(reverse("decisions:export", args=[YEAR]))
    assert response.status_code == 200
    assert "2026年度考核结果运用.xlsx" in unquote(response["Content-Disposition"])
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["表彰", "问责措施"]
    commendations = list(workbook["表彰"].values)
    assert commendations[0][:3] == ("责任单位", "受表彰个人", "职务")
    assert commendations[1][4] == "普法责任制落实成绩突出"
    measures = list(workbook["问责措施"].values)
    assert measures[0][:2] == ("责任单位", "措施") and len(measures) == 3
    assert {row[1] for row in measures[1:]} == {"约谈", "限期整改"}


def test_staff_export_only_their_own(login, staff_b, commendation_a, measure_a, measure_b):
    response = login(staff_b).get(reverse("decisions:export", args=[YEAR]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(list(workbook["表彰"].values)) == 1
    assert [row[1] for row in list(workbook["问责措施"].values)[1:]] == ["限期整改"]
