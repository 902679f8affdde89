"""The one upload check: every accepted kind, made for real, passes; disguises, bombs and macros do not."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image, PngImagePlugin

from agencies import uploads

from ..files import (
    DOCX_TYPE,
    HTML,
    PPTX_TYPE,
    XLSX_TYPE,
    doc_bytes,
    docx_bytes,
    image_bytes,
    ole2,
    pdf_bytes,
    ppt_bytes,
    pptx_bytes,
    upload,
    xls_bytes,
    xlsx_bytes,
)

EVERYTHING = (*uploads.PHOTOS, uploads.PDF, *uploads.OFFICE, *uploads.LEGACY_OFFICE)
LIMIT = 5 * uploads.MB


def inspect(name, data, accept=EVERYTHING, max_bytes=LIMIT):
    return uploads.inspect_upload(upload(name, data, "text/html"), accept=accept, max_bytes=max_bytes)


def refusal(name, data, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        inspect(name, data, **kwargs)
    return refused.value


@pytest.mark.parametrize(
    "name,make,content_type",
    [
        ("现场照片.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("现场照片.JPEG", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("合影.png", lambda: image_bytes("PNG"), "image/png"),
        ("海报.webp", lambda: image_bytes("WEBP"), "image/webp"),
        ("签到表.pdf", pdf_bytes, "application/pdf"),
        ("讲稿.docx", docx_bytes, DOCX_TYPE),
        ("统计表.xlsx", xlsx_bytes, XLSX_TYPE),
        ("课件.pptx", pptx_bytes, PPTX_TYPE),
        ("旧讲稿.doc", doc_bytes, "application/msword"),
        ("旧台账.xls", xls_bytes, "application/vnd.ms-excel"),
        ("旧课件.ppt", ppt_bytes, "application/vnd.ms-powerpoint"),
    ],
)
def test_each_kind_is_recognised_from_its_content_whatever_the_browser_says(name, make, content_type):
    data = make()
    checked = inspect(name, data)
    assert (checked.content_type, checked.name, checked.size) == (content_type, name, len(data))
    assert len(checked.sha256) == 64


def test_a_name_without_extension_gets_the_one_its_content_deserves():
    assert inspect("3.15 宣传现场", image_bytes("PNG")).name == "3.15 宣传现场.png"
    assert inspect(r"C:\Users\张三\桌面\签到表.pdf", pdf_bytes()).name == "签到表.pdf"


def test_a_very_long_name_is_shortened_keeping_its_extension():
    checked = inspect("宣" * 300 + ".pdf", pdf_bytes())
    assert len(checked.name) == 255 and checked.name.endswith("宣.pdf")


@pytest.mark.parametrize(
    "name,data",
    [
        ("照片.jpg", HTML),
        ("报告.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program
        ("setup.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        ("图标.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("动图.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_programs_web_pages_and_unknown_kinds_are_refused_by_name(name, data):
    refused = refusal(name, data)
    assert refused.code == "unknown_type"
    with translation.override("zh-hans"):
        message = refusal(name, data).messages[0]
    assert f"“{name}”" in message and "不是" in message


def test_content_that_disagrees_with_the_extension_is_refused_and_the_message_says_both():
    with translation.override("zh-hans"):
        refused = refusal("宣传照片.pdf", image_bytes("PNG"))
    assert refused.code == "extension_mismatch"
    assert "“宣传照片.pdf”" in refused.messages[0] and "PNG" in refused.messages[0] and ".pdf" in refused.messages[0]
    assert refusal("讲稿.xlsx", docx_bytes()).code == "extension_mismatch"
    assert refusal("台账.doc", xls_bytes()).code == "extension_mismatch"
    assert refusal("讲稿.html", docx_bytes()).code == "extension_mismatch"


def test_a_kind_the_caller_does_not_accept_is_refused_saying_what_is():
    with translation.override("zh-hans"):
        refused = refusal("旧讲稿.doc", doc_bytes(), accept=(uploads.PDF, *uploads.OFFICE))
    assert refused.code == "not_accepted"
    assert "“旧讲稿.doc”" in refused.messages[0] and "Word 97–2003" in refused.messages[0]


def test_an_empty_file_is_refused():
    with translation.override("zh-hans"):
        refused = refusal("空.pdf", b"")
    assert refused.code == "empty" and "“空.pdf”" in refused.messages[0]


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    data = pdf_bytes().replace(b"\n", b"\n%" + b"0" * uploads.MB + b"\n", 1)  # a long comment
    with translation.override("zh-hans"):
        refused = refusal("签到表.pdf", data, max_bytes=uploads.MB)
    assert refused.code == "too_large" and "1 MB" in refused.messages[0]
    assert inspect("签到表.pdf", data, max_bytes=2 * uploads.MB).size == len(data)


def test_an_upload_lying_about_its_size_is_still_held_to_the_limit():
    lying = upload("签到表.pdf", pdf_bytes() + b"%" * uploads.MB)
    lying.size = 10
    with pytest.raises(ValidationError) as refused:
        uploads.inspect_upload(lying, accept=EVERYTHING, max_bytes=uploads.MB)
    assert refused.value.code == "too_large"


# --- photos and PDFs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,name", [("PNG", "照片.png"), ("JPEG", "照片.jpg")])
def test_a_web_page_glued_behind_a_photo_is_refused(fmt, name):
    assert refusal(name, image_bytes(fmt) + HTML).code == "trailing_data"


def test_markup_hidden_inside_an_image_is_refused():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "PNG", pnginfo=info)
    assert refusal("照片.png", output.getvalue()).code == "markup"


def test_a_truncated_photo_is_refused():
    assert refusal("照片.jpg", image_bytes("JPEG")[:-40]).code == "bad_image"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_pixel_bomb_is_refused():
    """A tiny file claiming 30,000 × 30,000 pixels: Pillow's limit stops it before decoding."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
    bomb += _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + _png_chunk(b"IEND", b"")
    assert refusal("大图.png", bomb).code == "bomb"


def test_pillows_bomb_warning_is_an_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # the 64 × 48 photo is over it, not twice over
    assert refusal("合影.png", image_bytes("PNG")).code == "bomb"


@pytest.mark.parametrize(
    "extra",
    [
        b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>",
        b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>",  # the same, its names escaped
        b"/OpenAction<</S/Launch/F(cmd.exe)>>",
        b"/Names<</EmbeddedFiles<</Names[(a.exe)<</Type/Filespec/EF<</F 9 0 R>>>>]>>>>",
    ],
)
def test_a_pdf_with_scripts_launch_actions_or_embedded_files_is_refused(extra):
    assert refusal("签到表.pdf", pdf_bytes(extra=extra)).code == "pdf_script"


def test_a_script_hidden_in_a_compressed_object_stream_is_refused():
    hidden = zlib.compress(b"6 0 <</S/JavaScript/JS(app.alert(1))>>")
    stream = b"6 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n" % len(hidden)
    data = pdf_bytes().replace(b"xref\n", stream + hidden + b"\nendstream\nendobj\nxref\n", 1)
    assert refusal("签到表.pdf", data).code == "pdf_script"


def test_a_pdf_without_its_end_is_refused():
    assert refusal("签到表.pdf", pdf_bytes().replace(b"%%EOF", b"")).code == "bad_pdf"


# --- Office Open XML ---------------------------------------------------------------------------------------


def _zip(parts: dict) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return output.getvalue()


def test_a_zip_bomb_posing_as_a_document_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        for number in range(3):
            package.writestr(f"word/media/image{number}.png", b"\x00" * (90 * uploads.MB))
    data = output.getvalue()
    assert len(data) < uploads.MB
    with translation.override("zh-hans"):
        refused = refusal("方案.docx", data)
    assert refused.code == "bomb" and "“方案.docx”" in refused.messages[0]


def test_one_oversized_part_is_refused():
    data = docx_bytes(parts={"word/media/huge.bin": b"\x00" * (uploads.MAX_OOXML_PART_BYTES + 1)})
    assert refusal("方案.docx", data).code == "bomb"


def test_an_entity_bomb_in_the_content_types_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<Types>&b;</Types>"
    )
    data = _zip({"[Content_Types].xml": laughs, "_rels/.rels": "<Relationships/>", "word/document.xml": "<d/>"})
    assert refusal("方案.docx", data).code == "not_office"


@pytest.mark.parametrize(
    "parts",
    [
        {"readme.txt": "hello"},
        {"payload.exe": b"MZ"},
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"},  # no main part named anywhere
    ],
)
def test_a_zip_that_is_not_an_office_document_is_refused(parts):
    assert refusal("讲稿.docx", _zip(parts)).code == "not_office"


@pytest.mark.parametrize("glue", ["before", "after"])
def test_a_web_page_glued_to_an_office_document_is_refused(glue):
    data = HTML + docx_bytes() if glue == "before" else docx_bytes() + HTML
    assert refusal("讲稿.docx", data).code in ("unknown_type", "not_office")


def test_office_files_with_macros_are_refused():
    with translation.override("zh-hans"):
        refused = refusal("讲稿.docx", docx_bytes(parts={"word/vbaProject.bin": b"\x00" * 64}))
    assert refused.code == "macros" and "宏" in refused.messages[0]
    macro_enabled = "application/vnd.ms-word.document.macroEnabled.main+xml"
    from ..files import ooxml_bytes

    assert refusal("讲稿.docx", ooxml_bytes("word/document.xml", macro_enabled)).code == "macros"


def test_an_office_file_with_a_packaged_program_inside_is_refused():
    package = ole2({"\x01Ole10Native": b"MZ" + b"\x00" * 64})
    data = docx_bytes(parts={"word/embeddings/oleObject1.bin": package})
    assert refusal("讲稿.docx", data).code == "embedded_file"


# --- Office 97–2003 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,make",
    [
        ("讲稿.doc", lambda: doc_bytes(extra={"Macros/VBA/dir": b"\x01"})),
        ("台账.xls", lambda: xls_bytes(extra={"_VBA_PROJECT_CUR/VBA/dir": b"\x01"})),
        ("台账.xls", lambda: xls_bytes(sheet_type=0x01)),  # an Excel 4.0 macro sheet
        ("课件.ppt", lambda: ppt_bytes(vba=True)),
    ],
)
def test_old_office_files_with_macros_are_refused(name, make):
    assert refusal(name, make()).code == "macros"


def test_an_old_office_file_with_a_packaged_program_is_refused():
    data = doc_bytes(extra={"ObjectPool/_1234/\x01Ole10Native": b"MZ" + b"\x00" * 64})
    assert refusal("讲稿.doc", data).code == "embedded_file"


@pytest.mark.parametrize(
    "name,make",
    [
        ("讲稿.doc", lambda: doc_bytes(encrypted=True)),
        ("台账.xls", lambda: xls_bytes(encrypted=True)),
        ("讲稿.docx", lambda: ole2({"EncryptionInfo": b"\x04", "EncryptedPackage": b"\x00"})),
    ],
)
def test_password_protected_office_files_are_refused(name, make):
    assert refusal(name, make()).code == "encrypted"


def test_an_ole2_file_that_is_no_office_document_is_refused():
    assert refusal("安装包.doc", ole2({"SummaryInformation": b"\x00"})).code == "not_office"
    assert refusal("损坏.doc", doc_bytes()[:700]).code == "not_office"
