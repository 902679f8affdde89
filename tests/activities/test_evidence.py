"""What an evidence file is, from its bytes: every allowed kind passes, disguises and bombs do not."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from activities.evidence import inspect_upload

from .conftest import FILES, image_bytes, ooxml_bytes, pdf_bytes, upload

HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"


@pytest.mark.parametrize("name", list(FILES))
def test_each_allowed_kind_is_recognised_from_its_content(name):
    checked = inspect_upload(upload(name))
    assert checked.content_type == FILES[name][1]
    assert checked.name == name
    assert len(checked.sha256) == 64


def test_a_real_photo_with_the_wrong_extension_gets_the_right_one():
    checked = inspect_upload(upload("宣传照片.pdf", image_bytes("PNG")))
    assert checked.content_type == "image/png"
    assert checked.name == "宣传照片.png"


def test_a_renamed_web_page_is_refused():
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload("照片.jpg", HTML))
    assert "不是" in refused.value.messages[0]


def test_a_png_header_glued_to_a_web_page_is_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload("照片.png", image_bytes("PNG") + HTML))


def test_a_jpeg_with_a_web_page_behind_its_end_is_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload("照片.jpg", image_bytes("JPEG") + HTML))


def test_markup_hidden_inside_an_image_is_refused():
    output = io.BytesIO()
    image = Image.new("RGB", (10, 10))
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    image.save(output, "PNG", pnginfo=info)
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload("照片.png", output.getvalue()))
    assert "脚本" in refused.value.messages[0]


def test_a_truncated_photo_is_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload("照片.jpg", image_bytes("JPEG")[:-40]))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_decompression_bomb_is_refused():
    """A tiny file claiming 30,000 × 30,000 pixels: Pillow's limit stops it before decoding."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _png_chunk(b"IEND", b"")
    )
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload("大图.png", bomb))
    assert "像素" in refused.value.messages[0]


def test_pillows_bomb_warning_is_an_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # the 64 × 48 photo is over it, not twice over
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload("合影.png"))
    assert "像素" in refused.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.PUFFA_EVIDENCE_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload("签到表.pdf", pdf_bytes() + b"%" * (1024 * 1024)))
    assert "1 MB" in refused.value.messages[0]


def test_a_zip_that_is_not_an_office_document_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError):
        inspect_upload(upload("讲稿.docx", output.getvalue()))


def test_a_web_page_glued_in_front_of_an_office_document_is_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload("讲稿.docx", HTML + ooxml_bytes("word/document.xml")))


def test_a_web_page_glued_behind_an_office_document_is_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload("讲稿.docx", ooxml_bytes("word/document.xml") + HTML))


def test_an_office_zip_bomb_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload("讲稿.docx", output.getvalue()))
    assert "过大" in refused.value.messages[0] or "数据" in refused.value.messages[0]


def test_a_pdf_with_javascript_is_refused():
    data = pdf_bytes().replace(b"%%EOF", b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>\n%%EOF")
    with pytest.raises(ValidationError):
        inspect_upload(upload("签到表.pdf", data))
