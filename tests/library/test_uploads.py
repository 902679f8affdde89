"""What a library document (and a plan, minutes or rectification evidence) may be."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from activities.library.forms import MAX_DOCUMENT_BYTES, inspect_document, validate_document

from ..files import DOCX_TYPE, PPTX_TYPE, XLSX_TYPE, doc_bytes, image_bytes, pptx_bytes, xlsx_bytes
from .uploads import docx_bytes, html_renamed, pdf_bytes, png_bytes, upload


@pytest.mark.parametrize(
    "name,make,expected",
    [
        ("讲稿.pdf", pdf_bytes, "application/pdf"),
        ("现场.png", png_bytes, "image/png"),
        ("现场.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("方案.docx", docx_bytes, DOCX_TYPE),
        ("统计.xlsx", xlsx_bytes, XLSX_TYPE),
        ("课件.pptx", pptx_bytes, PPTX_TYPE),
    ],
)
def test_real_documents_are_accepted_with_their_real_type(name, make, expected):
    document = upload(name, make())
    validate_document(document)
    assert inspect_document(document).content_type == expected


def test_an_html_page_renamed_to_pdf_is_refused_with_a_chinese_message():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_document(html_renamed("通知.pdf"))
    assert "“通知.pdf”不是" in refused.value.messages[0]


@pytest.mark.parametrize("name,make", [("海报.webp", lambda: image_bytes("WEBP")), ("旧方案.doc", doc_bytes)])
def test_kinds_the_library_does_not_take_are_refused(name, make):
    with pytest.raises(ValidationError) as refused:
        validate_document(upload(name, make()))
    assert refused.value.code == "not_accepted"


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("空.pdf", b""))
    assert refused.value.code == "empty"
    big = upload("大.pdf", pdf_bytes())
    big.size = MAX_DOCUMENT_BYTES + 1
    with pytest.raises(ValidationError) as refused:
        validate_document(big)
    assert refused.value.code == "too_large"
