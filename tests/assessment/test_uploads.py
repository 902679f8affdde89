"""Self-assessment evidence: real PDF, image and Office files, Office 97–2003 included, size-limited."""

import pytest
from django.core.exceptions import ValidationError

from assessment.uploads import MAX_EVIDENCE_BYTES, inspect_evidence

from ..files import DOCX_TYPE, doc_bytes, docx_bytes, image_bytes, pdf_bytes, ppt_bytes, upload, xls_bytes


@pytest.mark.parametrize(
    "name,make,content_type",
    [
        ("台账.pdf", pdf_bytes, "application/pdf"),
        ("现场.JPG", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("现场.png", lambda: image_bytes("PNG"), "image/png"),
        ("总结.docx", docx_bytes, DOCX_TYPE),
        ("总结.doc", doc_bytes, "application/msword"),
        ("台账.xls", xls_bytes, "application/vnd.ms-excel"),
        ("汇报.ppt", ppt_bytes, "application/vnd.ms-powerpoint"),
    ],
)
def test_real_files_are_accepted_with_the_type_of_their_content(name, make, content_type):
    assert inspect_evidence(upload(name, make(), "text/html")).content_type == content_type


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("脚本.exe", b"MZ\x90\x00" + b"\x00" * 100, "unknown_type"),
        ("网页.html", b"<html><script>alert(1)</script></html>", "unknown_type"),
        ("伪装.pdf", b"<html><script>", "unknown_type"),
        ("伪装.docx", pdf_bytes(), "extension_mismatch"),
        ("海报.webp", image_bytes("WEBP"), "not_accepted"),
        ("台账.xls", xls_bytes(sheet_type=0x01), "macros"),
    ],
)
def test_other_files_are_refused(name, data, code):
    with pytest.raises(ValidationError) as refused:
        inspect_evidence(upload(name, data))
    assert refused.value.code == code


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ValidationError) as refused:
        inspect_evidence(upload("大.pdf", b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES))
    assert refused.value.code == "too_large"
