"""An import is bounded before work: a sheet too big by its dimensions, or with no dimensions and too much XML,
is refused before its rows are read; reading stops at the first long run of empty rows."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.spreadsheets import EMPTY_RUN, data_rows, open_upload

_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{target}" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="导入" sheetId="1" r:id="rId1"/></sheets></workbook>'
)


def _hand_made_xlsx(rows_xml: str, *, dimension: str | None) -> SimpleUploadedFile:
    """An .xlsx written by hand, as a hostile or careless tool would: the dimension tag is optional."""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>'
        + rows_xml
        + "</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS.format(target="xl/workbook.xml", kind="officeDocument"))
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _RELS.format(target="worksheets/sheet1.xml", kind="worksheet"))
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return SimpleUploadedFile("导入.xlsx", buffer.getvalue())


def _text_row(number: int, value: str) -> str:
    return f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{value}</t></is></c></row>'


def _empty_rows(first: int, last: int) -> str:
    return "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(first, last + 1))


def test_a_million_empty_rows_without_dimensions_are_refused_before_they_are_read():
    upload = _hand_made_xlsx(_empty_rows(2, 1_048_575), dimension=None)
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        open_upload(upload)
    assert time.monotonic() - started < 2  # reading the rows took 10 s and more
    assert "行" in str(refused.value.messages[0]) or "尺寸" in str(refused.value.messages[0])


def test_a_sheet_claiming_a_million_rows_is_refused_by_its_dimensions():
    with pytest.raises(ValidationError, match="2000"):
        open_upload(_hand_made_xlsx(_empty_rows(2, 10), dimension="A1:A1048575"))


def test_a_sheet_claiming_thousands_of_columns_is_refused():
    with pytest.raises(ValidationError):
        open_upload(_hand_made_xlsx(_empty_rows(2, 10), dimension="A1:XFD20"))


def test_a_small_sheet_without_dimensions_is_still_read():
    sheet = open_upload(_hand_made_xlsx(_text_row(2, "一") + _text_row(3, "二"), dimension=None))
    assert [values[0] for _n, values in data_rows(sheet)] == ["一", "二"]


def test_reading_stops_at_the_first_long_run_of_empty_rows():
    last = 3 + EMPTY_RUN
    rows = _text_row(2, "一") + _empty_rows(3, last) + _text_row(last + 1, "远处的一行")
    sheet = open_upload(_hand_made_xlsx(rows, dimension=f"A1:A{last + 1}"))
    assert [values[0] for _n, values in data_rows(sheet)] == ["一"]


def test_a_shorter_run_of_empty_rows_is_read_past():
    rows = _text_row(2, "一") + _empty_rows(3, 2 + EMPTY_RUN - 1) + _text_row(2 + EMPTY_RUN, "二")
    sheet = open_upload(_hand_made_xlsx(rows, dimension=f"A1:A{2 + EMPTY_RUN}"))
    assert [values[0] for _n, values in data_rows(sheet)] == ["一", "二"]
