"""The third-party survey import: .xlsx and .csv (UTF-8 with or without BOM, GB18030), all rows or none."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from agencies.models import Agency
from assessment import services
from assessment.models import SurveyResult

HEADER = ["单位（统一社会信用代码或名称）", "知晓率（0–100）", "满意度（0–100）"]


def xlsx(rows, name="测评结果.xlsx"):
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows, encoding="utf-8", name="测评结果.csv"):
    lines = "\r\n".join(",".join(str(v) for v in row) for row in [HEADER, *rows]) + "\r\n"
    return SimpleUploadedFile(name, lines.encode(encoding))


@pytest.fixture
def coded_a(agency_a):
    agency_a.code = "11320411000000011Y"
    from agencies.validators import credit_code_check_character

    agency_a.code = agency_a.code[:17] + credit_code_check_character(agency_a.code[:17])
    agency_a.save()
    return agency_a


def test_a_good_workbook_imports_every_row(rubric, bureau_admin, coded_a, agency_b, agency_town):
    upload = xlsx(
        [
            [coded_a.code.lower(), 85, 92.5],  # a code, typed in lower case
            ["常州市新北区教育局", "90.5", "88%"],  # a full name; a rate with a % sign
            ["薛家镇", 70, 75],  # an unambiguous short name
        ]
    )
    outcome = services.survey_import(rubric=rubric, upload=upload, user=bureau_admin)
    assert outcome.imported == 3
    figures = {r.agency_id: (r.awareness, r.satisfaction) for r in SurveyResult.objects.all()}
    assert figures == {
        coded_a.pk: (Decimal("85.0"), Decimal("92.5")),
        agency_b.pk: (Decimal("90.5"), Decimal("88.0")),
        agency_town.pk: (Decimal("70.0"), Decimal("75.0")),
    }


def test_a_bad_file_imports_nothing_and_lists_each_bad_row_with_its_reason(rubric, bureau_admin, agency_a, agency_b):
    upload = xlsx(
        [
            ["常州市新北区市场监督管理局", 85, 90],
            ["不存在的单位", 80, 80],
            ["常州市新北区教育局", 101, "很好"],
            [None, 80, 80],
            ["常州市新北区市场监督管理局", 86, 91],
            ["常州市新北区人民政府办公室", 0.85, 90],
        ]
    )
    with pytest.raises(services.SurveyImportError) as excinfo:
        services.survey_import(rubric=rubric, upload=upload, user=bureau_admin)
    rows = dict(excinfo.value.rows)
    assert sorted(rows) == [3, 4, 5, 6, 7]
    assert "不存在的单位" in rows[3]
    assert "知晓率" in rows[4] and "101" in rows[4] and "满意度" in rows[4] and "很好" in rows[4]
    assert "缺少单位" in rows[5]
    assert "第 2 行" in rows[6]
    assert "0.85" in rows[7]
    assert not SurveyResult.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_files_in_utf8_with_or_without_bom_and_in_gb18030_are_read(rubric, bureau_admin, agency_a, encoding):
    upload = csv_file([["常州市新北区市场监督管理局", "86.5", "91"]], encoding=encoding)
    services.survey_import(rubric=rubric, upload=upload, user=bureau_admin)
    result = SurveyResult.objects.get(agency=agency_a)
    assert (result.awareness, result.satisfaction) == (Decimal("86.5"), Decimal("91.0"))


def test_a_gb18030_file_with_a_wrong_row_names_the_agency_in_readable_chinese(rubric, bureau_admin, agency_a):
    upload = csv_file([["常州市新北区罗溪镇人民政府", "86", "91"]], encoding="gb18030")
    with pytest.raises(services.SurveyImportError) as excinfo:
        services.survey_import(rubric=rubric, upload=upload, user=bureau_admin)
    assert "常州市新北区罗溪镇人民政府" in excinfo.value.rows[0][1]


def test_rows_without_figures_are_skipped_and_a_second_import_replaces_figures(
    rubric, bureau_admin, agency_a, agency_b
):
    services.survey_import(
        rubric=rubric,
        upload=csv_file([["常州市新北区市场监督管理局", 80, 80], ["常州市新北区教育局", 70, 70]]),
        user=bureau_admin,
    )
    outcome = services.survey_import(
        rubric=rubric,
        upload=csv_file([["常州市新北区市场监督管理局", 90, 95], ["常州市新北区教育局", "", ""]]),
        user=bureau_admin,
    )
    assert (outcome.imported, outcome.skipped) == (1, 1)
    assert SurveyResult.objects.get(agency=agency_a).awareness == 90
    assert SurveyResult.objects.get(agency=agency_b).awareness == 70


@pytest.mark.parametrize(
    "upload,code",
    [
        (SimpleUploadedFile("结果.txt", b"hello"), "file_type"),
        (SimpleUploadedFile("结果.xlsx", b"<html></html>"), "not_xlsx"),
        (SimpleUploadedFile("结果.csv", b"\xff\xfe\x00\x00\xff"), "encoding"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(rubric, bureau_admin, upload, code):
    with pytest.raises(ValidationError) as excinfo:
        services.survey_import(rubric=rubric, upload=upload, user=bureau_admin)
    assert excinfo.value.code == code


def test_an_ambiguous_short_name_is_not_guessed(rubric, bureau_admin, bureau_office, agency_a):
    for name in ("常州市新北区甲局", "常州市新北区乙局"):
        Agency.objects.create(name=name, short_name="同名局", agency_type="government", filing_office=bureau_office)
    with pytest.raises(services.SurveyImportError):
        services.survey_import(rubric=rubric, upload=csv_file([["同名局", 80, 80]]), user=bureau_admin)
