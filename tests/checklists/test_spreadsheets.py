"""checklists.exports and checklists.imports: exports reopened with openpyxl, and the import checked row by row."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from agencies.models import Law
from agencies.spreadsheets import RowsRefused
from checklists import selectors, services
from checklists.exports import checklist_export
from checklists.imports import import_template, parse_items

from .conftest import YEAR, item

HYPERLINK = '=HYPERLINK("http://evil.example","点我")'
HEADER = [
    "序号",
    "普法内容",
    "涉及法律法规（多部用“、”分隔）",
    "责任科室",
    "联系人",
    "联系电话",
    "普法对象（多项用“、”分隔）",
    "具体群体",
    "开始日期",
    "结束日期",
    "普法目标",
    "计划活动次数",
    "计划覆盖人数",
    "普法形式（多项用“、”分隔）",
]


def reopen(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def xlsx(rows, header=HEADER, name="清单事项.xlsx"):
    workbook = Workbook()
    workbook.active.append(header)
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def good_row(**overrides):
    values = {
        "position": 1,
        "content": "开展《食品安全法》宣传周活动",
        "laws": "食品安全法、中华人民共和国产品质量法",
        "office": "食品安全协调科",
        "person": "华伟",
        "phone": "0519-85001234",
        "audiences": "管理对象、社会公众",
        "group": "食品生产经营者",
        "start": dt.datetime(YEAR, 6, 1),
        "end": "2026-06-30",
        "goal": "宣传覆盖辖区主要商超",
        "activities": 3,
        "people": "2000",
        "forms": "法律六进、新媒体普法",
    }
    values.update(overrides)
    return list(values.values())


@pytest.fixture
def catalogue(db):
    return [
        Law.objects.create(title="中华人民共和国食品安全法"),
        Law.objects.create(title="中华人民共和国产品质量法"),
    ]


def test_a_checklist_export_reopens_with_text_dates_and_a_neutralised_formula(draft_a, staff_a, catalogue):
    services.checklist_items_save(
        checklist=draft_a, actor=staff_a, items=[item(content=HYPERLINK, law_ids=[catalogue[0].pk])]
    )
    response = checklist_export(draft_a, selectors.checklist_items(draft_a))
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = reopen(response).active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.freeze_panes == "A2"
    content = sheet["B2"]
    assert content.value == HYPERLINK and content.data_type == "s"
    assert sheet["C2"].value == "中华人民共和国食品安全法"
    assert sheet["G2"].value == "管理对象、社会公众"
    assert sheet["I2"].is_date and sheet["I2"].value == dt.datetime(YEAR, 3, 1)
    assert sheet["N2"].value == "法律六进、专题法治讲座"
    assert sheet.column_dimensions["B"].width >= 30


def test_an_exported_checklist_imports_back(draft_a, staff_a, catalogue):
    response = checklist_export(draft_a, selectors.checklist_items(draft_a))
    upload = SimpleUploadedFile("导出.xlsx", b"".join(response.streaming_content))
    items = parse_items(upload, draft_a)
    assert [i.content for i in items] == ["普法事项1", "普法事项2"]
    assert items[0].audiences == ["managed", "public"] and items[0].forms == ["six_places", "law_lecture"]


def test_a_good_file_gives_every_row(draft_a, catalogue):
    items = parse_items(xlsx([good_row(), good_row(position=None, content="第二项", laws="")]), draft_a)
    assert [i.content for i in items] == ["开展《食品安全法》宣传周活动", "第二项"]
    first = items[0]
    assert first.law_ids == [catalogue[0].pk, catalogue[1].pk]
    assert first.audiences == ["managed", "public"]
    assert first.forms == ["six_places", "new_media_post"]
    assert (first.start_date, first.end_date) == (dt.date(YEAR, 6, 1), dt.date(YEAR, 6, 30))
    assert (first.target_activities, first.target_people) == (3, 2000)
    assert first.pk is None


def test_two_bad_rows_are_both_reported_with_their_row_numbers(draft_a, catalogue):
    rows = [
        good_row(),
        good_row(content="", audiences="老年人"),
        good_row(),
        good_row(start=f"{YEAR - 1}-12-01", laws="不存在的条例"),
    ]
    with pytest.raises(RowsRefused) as excinfo:
        parse_items(xlsx(rows), draft_a)
    errors = excinfo.value.errors
    assert [error.row for error in errors] == [3, 5]
    row3, row5 = ("；".join(error.reasons) for error in errors)
    assert "普法内容" in row3 and "“老年人”不是规定的选项" in row3
    assert f"请选择 {YEAR} 年内的日期" in row5 and "法律法规库中没有“不存在的条例”" in row5


def test_a_date_that_is_not_a_date_is_reported(draft_a, catalogue):
    with pytest.raises(RowsRefused) as excinfo:
        parse_items(xlsx([good_row(end="六月底")]), draft_a)
    assert "“六月底”不是有效日期" in excinfo.value.errors[0].reasons[0]
    assert len(excinfo.value.errors[0].reasons) == 1  # not also "required"


def test_a_corrupt_file_is_refused(draft_a):
    good = xlsx([good_row()]).read()
    with pytest.raises(ValidationError) as excinfo:
        parse_items(SimpleUploadedFile("坏.xlsx", good[: len(good) // 2]), draft_a)
    assert excinfo.value.code == "corrupt"


def test_a_text_file_renamed_xlsx_is_refused(draft_a):
    with pytest.raises(ValidationError) as excinfo:
        parse_items(SimpleUploadedFile("清单.xlsx", "序号,普法内容\n1,宣传\n".encode()), draft_a)
    assert excinfo.value.code == "not_xlsx"


def test_a_workbook_with_other_columns_is_refused(draft_a):
    with pytest.raises(ValidationError) as excinfo:
        parse_items(xlsx([["张三", "13800000000"]], header=["姓名", "电话"]), draft_a)
    assert excinfo.value.code == "not_template"


def test_an_empty_template_is_refused(draft_a):
    with pytest.raises(ValidationError) as excinfo:
        parse_items(xlsx([]), draft_a)
    assert excinfo.value.code == "empty"


def test_too_many_rows_are_refused(draft_a):
    with pytest.raises(ValidationError) as excinfo:
        parse_items(xlsx([good_row()] * 2001), draft_a)
    assert excinfo.value.code == "too_many_rows"


def test_the_template_has_the_import_columns_and_a_guide(db):
    workbook = reopen(import_template())
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER
    guide = "\n".join(str(value) for row in workbook.worksheets[1].values for value in row)
    assert "领导干部和国家工作人员" in guide and "法律六进" in guide
