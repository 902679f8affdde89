"""What activity evidence may be: photos, PDFs and Office documents, as large as the settings allow.

How a file is recognised (disguises, bombs, macros) is tested with ``agencies.uploads`` in tests/agencies.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from activities.evidence import inspect_evidence

from ..files import HTML, doc_bytes
from .conftest import FILES, image_bytes, pdf_bytes, upload


@pytest.mark.parametrize("name", list(FILES))
def test_each_allowed_kind_is_recognised_from_its_content(name):
    checked = inspect_evidence(upload(name))
    assert checked.content_type == FILES[name][1]
    assert checked.name == name
    assert len(checked.sha256) == 64


def test_a_photo_named_as_a_pdf_is_refused_rather_than_renamed():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        inspect_evidence(upload("宣传照片.pdf", image_bytes("PNG")))
    assert "“宣传照片.pdf”的内容是PNG 图片，与扩展名 .pdf 不符" in refused.value.messages[0]


def test_a_renamed_web_page_is_refused():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        inspect_evidence(upload("照片.jpg", HTML))
    assert "“照片.jpg”不是照片" in refused.value.messages[0]


def test_old_binary_office_files_are_not_evidence():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        inspect_evidence(upload("讲稿.doc", doc_bytes()))
    assert "此处不接受" in refused.value.messages[0]


def test_the_size_limit_comes_from_the_settings(settings):
    settings.PUFFA_EVIDENCE_MAX_BYTES = 1024 * 1024
    big = pdf_bytes().replace(b"\n", b"\n%" + b"0" * (1024 * 1024) + b"\n", 1)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        inspect_evidence(upload("签到表.pdf", big))
    assert "“签到表.pdf”超过 1 MB" in refused.value.messages[0]
