"""Self-assessment evidence: only real PDF, image and Office files, size-limited."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.uploads import MAX_EVIDENCE_BYTES, evidence_content_type


@pytest.mark.parametrize(
    "name,content,content_type",
    [
        ("台账.pdf", b"%PDF-1.7 ...", "application/pdf"),
        ("现场.JPG", b"\xff\xd8\xff\xe0 jfif", "image/jpeg"),
        ("现场.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("总结.docx", b"PK\x03\x04....", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("台账.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "application/vnd.ms-excel"),
    ],
)
def test_real_files_are_accepted_with_the_type_of_their_extension(name, content, content_type):
    assert evidence_content_type(SimpleUploadedFile(name, content, content_type="text/html")) == content_type


@pytest.mark.parametrize(
    "upload,code",
    [
        (SimpleUploadedFile("脚本.exe", b"MZ\x90\x00"), "file_type"),
        (SimpleUploadedFile("网页.html", b"<html>"), "file_type"),
        (SimpleUploadedFile("伪装.pdf", b"<html><script>"), "file_content"),
        (SimpleUploadedFile("伪装.docx", b"%PDF-1.4"), "file_content"),
    ],
)
def test_other_files_are_refused(upload, code):
    with pytest.raises(ValidationError) as excinfo:
        evidence_content_type(upload)
    assert excinfo.value.code == code


def test_a_file_over_the_limit_is_refused():
    upload = SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES)
    with pytest.raises(ValidationError) as excinfo:
        evidence_content_type(upload)
    assert excinfo.value.code == "too_large"
