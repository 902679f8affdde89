"""Stored documents: one download response for every kind of file, and one upload policy per feature."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.http import Http404

from activities.evidence import EVIDENCE
from activities.library.forms import DOCUMENTS
from agencies import uploads
from agencies.documents import UploadPolicy, download_response
from assessment.uploads import OVERSIGHT_DOCUMENTS, SELF_ASSESSMENT_EVIDENCE
from tests.files import xls_bytes

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("documents/x", ContentFile(PDF))
    return FieldFile(None, type("F", (), {"storage": default_storage, "name": "file"})(), name)


def test_a_download_names_the_file_in_chinese_and_forbids_sniffing(stored):
    response = download_response(stored, "整改报告.pdf", "application/pdf")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.pdf" in response["Content-Disposition"]


def test_a_file_gone_from_storage_answers_404_not_500(stored):
    default_storage.delete(stored.name)
    with pytest.raises(Http404):
        download_response(stored, "整改报告.pdf", "application/pdf")


def test_each_feature_names_its_policy_and_the_policy_refuses_what_it_does_not_accept():
    old_excel = SimpleUploadedFile("台账.xls", xls_bytes())
    assert SELF_ASSESSMENT_EVIDENCE.inspect(old_excel).content_type == "application/vnd.ms-excel"
    for policy in (EVIDENCE, DOCUMENTS, OVERSIGHT_DOCUMENTS):  # old Office files only as self-assessment evidence
        with pytest.raises(ValidationError):
            policy.inspect(SimpleUploadedFile("台账.xls", xls_bytes()))
    small = UploadPolicy(kinds=(uploads.PDF,), max_bytes=lambda: 10)  # a setting read when the file is checked
    with pytest.raises(ValidationError, match="10|MB"):
        small.inspect(SimpleUploadedFile("大.pdf", PDF))
