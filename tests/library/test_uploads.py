"""Every uploaded document is judged by its content, not its name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from activities.library_forms import MAX_DOCUMENT_BYTES, detect_document, download_name, validate_document

from .uploads import docx_bytes, html_renamed, pdf_bytes, png_bytes, upload


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("讲稿.pdf", pdf_bytes(), "application/pdf"),
        ("现场.png", png_bytes(), "image/png"),
        ("现场.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        ("方案.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_real_documents_are_accepted_with_their_real_type(name, content, expected):
    document = upload(name, content)
    validate_document(document)
    assert detect_document(document).content_type == expected


def test_an_html_page_renamed_to_pdf_is_refused_with_a_chinese_message():
    with pytest.raises(ValidationError) as refused:
        validate_document(html_renamed("通知.pdf"))
    assert "通知.pdf" in refused.value.messages[0]


def test_a_zip_that_is_not_an_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    with pytest.raises(ValidationError):
        validate_document(upload("课件.pptx", buffer.getvalue()))


def test_an_office_file_that_unpacks_to_gigabytes_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (210 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("方案.docx", buffer.getvalue()))
    assert refused.value.error_list[0].code == "bomb"


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(ValidationError):
        validate_document(upload("空.pdf", b""))
    big = upload("大.pdf", pdf_bytes())
    big.size = MAX_DOCUMENT_BYTES + 1
    with pytest.raises(ValidationError) as refused:
        validate_document(big)
    assert refused.value.error_list[0].code == "too_large"


def test_the_download_name_takes_the_extension_the_content_deserves():
    document = upload("课件.docx", pdf_bytes())
    assert download_name(document.name, detect_document(document)) == "课件.pdf"
