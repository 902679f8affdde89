import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from agencies.spreadsheets import Column, content_disposition, data_rows, export_response, open_upload


def reopen(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_an_export_neutralises_formulas_and_keeps_dates_and_chinese_headers():
    rows = [['=HYPERLINK("http://evil.example","点我")', dt.date(2026, 2, 28), "+1", "普通文本"]]
    response = export_response(
        "普法责任清单.xlsx", "清单", [Column("标题", 30), Column("日期"), Column("备注"), Column("说明")], rows
    )
    sheet = reopen(response).active
    assert [c.value for c in sheet[1]] == ["标题", "日期", "备注", "说明"]
    title = sheet["A2"]
    assert title.value == '=HYPERLINK("http://evil.example","点我")' and title.data_type == "s"
    assert sheet["B2"].value == dt.datetime(2026, 2, 28) and sheet["B2"].is_date
    assert sheet["C2"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert response["Content-Disposition"].endswith(
        "filename*=UTF-8''%E6%99%AE%E6%B3%95%E8%B4%A3%E4%BB%BB%E6%B8%85%E5%8D%95.xlsx"
    )


def test_the_content_disposition_has_an_ascii_fallback_and_escapes_quotes():
    header = content_disposition('台账 "2026".xlsx')
    assert header.startswith('attachment; filename="2026.xlsx"; ') or header.startswith(
        'attachment; filename=" 2026.xlsx"'
    )
    assert "filename*=UTF-8''%E5%8F%B0%E8%B4%A6%20%222026%22.xlsx" in header


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("导入.xlsx", buffer.getvalue())


def test_a_real_workbook_opens_and_yields_its_rows():
    sheet = open_upload(_xlsx([["标题"], ["一"], [None], ["二"]]))
    assert [(n, v[0]) for n, v in data_rows(sheet)] == [(2, "一"), (4, "二")]


@pytest.mark.parametrize(
    "content,code",
    [
        (b"<html><body>not a spreadsheet</body></html>", "not_xlsx"),
        (b"PK\x03\x04 truncated garbage", "corrupt"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(content, code):
    with pytest.raises(ValidationError) as excinfo:
        open_upload(SimpleUploadedFile("x.xlsx", content))
    assert excinfo.value.code == code


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError) as excinfo:
        open_upload(SimpleUploadedFile("x.xlsx", buffer.getvalue()))
    assert excinfo.value.code == "not_xlsx"


def test_a_large_file_is_refused_before_parsing():
    with pytest.raises(ValidationError) as excinfo:
        open_upload(SimpleUploadedFile("x.xlsx", b"PK\x03\x04" + b"0" * 100), max_bytes=50)
    assert excinfo.value.code == "too_large"


def test_too_many_rows_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        sheet = open_upload(_xlsx([["h"], *[[i] for i in range(12)]]), max_rows=10)
        list(data_rows(sheet, max_rows=10))
    assert excinfo.value.code == "too_many_rows"


def test_every_export_prints_landscape_one_page_wide_with_its_header_on_each_page_and_long_text_wrapped():
    long_text = "开展“法院开放日”和“旁听庭审”活动，邀请人大代表、政协委员和群众代表走进法院"
    response = export_response("清单.xlsx", "清单", [Column("普法内容", 30), Column("序号", 8)], [[long_text, 1]])
    sheet = reopen(response).active
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet["A2"].alignment.wrap_text and sheet["A1"].alignment.wrap_text
    assert not sheet["B2"].alignment.wrap_text  # a short number stays a plain cell


def test_columns_of_a_declared_kind_write_each_row_right():
    """Kinds decided once per column (the ledger's 100,000 rows): dates formatted, aware times in Beijing time,
    would-be formulas shown as text, long text wrapped, and no value carried into the next row's cell."""
    from agencies import spreadsheets as s

    long_text = "围绕宪法和民法典开展专题讲座，结合典型案例解读"
    columns = [Column("序号", 6, s.NUMBER), Column("日期", 12, s.DATE), Column("记录时间", 18, s.DATETIME)]
    columns.append(Column("说明", 10, s.TEXT))
    rows = [
        [1, dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC), long_text],
        [2, None, dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC), "=1+1"],
        [3, dt.date(2026, 3, 3), None, "短"],
    ]
    sheet = reopen(export_response("台账.xlsx", "台账", columns, rows)).active
    assert [c.value for c in sheet["A"]][1:] == [1, 2, 3]
    assert sheet["B2"].value == dt.datetime(2026, 3, 1) and sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["B3"].value is None and sheet["B4"].value == dt.datetime(2026, 3, 3)
    assert sheet["C2"].value == dt.datetime(2026, 3, 2, 0, 30) and sheet["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["C3"].value == dt.datetime(2026, 3, 2, 9, 0) and sheet["C4"].value is None
    assert sheet["D2"].value == long_text and sheet["D2"].alignment.wrap_text
    assert sheet["D3"].value == "=1+1" and sheet["D3"].data_type == "s"
    assert sheet["D4"].value == "短" and not sheet["D4"].alignment.wrap_text
