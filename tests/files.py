"""Real files of every kind an upload may be, made in the test, and an upload to carry them.

Photos come from Pillow, the PDF is the demo's (written object by object), the .xlsx by openpyxl, and .docx/.pptx are
zipped from the parts Word and PowerPoint need. Office 97–2003 files are OLE2 compound files written by
``ole2`` below (olefile only reads them); their main streams hold the records the upload check reads.
"""

from __future__ import annotations

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from demo.library import demo_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(fmt: str, size=(64, 48), color="red") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, fmt)
    return output.getvalue()


def pdf_bytes(text: str = "Puffa", *, extra: bytes = b"") -> bytes:
    """The demo's one-page PDF saying ``text``; ``extra`` goes into its catalogue (hostile tests only)."""
    return demo_pdf(text).replace(b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Catalog/Pages 2 0 R" + extra + b">>")


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{main_type}"/>{extra}</Types>'
)
RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{part}" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def ooxml_bytes(part: str, main_type: str, *, extra_types: str = "", parts: dict | None = None) -> bytes:
    """An Office Open XML package whose main part is ``part`` of content type ``main_type``."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES.format(part=part, main_type=main_type, extra=extra_types))
        package.writestr("_rels/.rels", RELATIONSHIPS.format(part=part))
        package.writestr(part, '<?xml version="1.0" encoding="UTF-8"?><document>普法宣传</document>')
        for name, content in (parts or {}).items():
            package.writestr(name, content)
    return output.getvalue()


def docx_bytes(**kwargs) -> bytes:
    return ooxml_bytes("word/document.xml", WORD_MAIN, **kwargs)


def pptx_bytes(**kwargs) -> bytes:
    return ooxml_bytes("ppt/presentation.xml", PRESENTATION_MAIN, **kwargs)


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["单位", "活动", "人次"])
    workbook.active.append(["区市场监管局", "宪法宣传周", 120])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- Office 97–2003: OLE2 compound files ------------------------------------------------------------------

FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def ole2(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file holding ``streams`` (paths such as ``Macros/VBA/dir`` make storages).

    Every stream is padded to 4096 bytes so that all live in normal sectors (no mini stream is needed).
    """
    entries = [{"name": "Root Entry", "type": 5, "children": []}]
    by_path = {"": 0}
    for path, data in streams.items():
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key in by_path:
                continue
            entry = {"name": parts[depth - 1], "children": []}
            if depth == len(parts):
                entry.update(type=2, data=data.ljust(4096, b"\x00"))
            else:
                entry.update(type=1)
            by_path[key] = len(entries)
            entries.append(entry)
            entries[by_path["/".join(parts[: depth - 1])]]["children"].append(by_path[key])
    directory_sectors = -(-len(entries) // 4)
    fat = [FAT_SECTOR] + [index + 2 for index in range(directory_sectors - 1)] + [END]
    sectors = b""
    for entry in entries:
        if entry["type"] == 2:
            count = -(-len(entry["data"]) // SECTOR)
            entry["start"] = len(fat)
            fat += [len(fat) + index + 1 for index in range(count - 1)] + [END]
            sectors += entry["data"].ljust(count * SECTOR, b"\x00")
    assert len(fat) <= SECTOR // 4, "a test file this size needs one FAT sector only"
    directory = b""
    for entry in entries:
        children = entry["children"]
        for position, child in enumerate(children):
            entries[child]["right"] = children[position + 1] if position + 1 < len(children) else NONE
        name = entry["name"].encode("utf-16-le") + b"\x00\x00"
        directory += struct.pack(
            "<64sHBBIII16sIQQIII",
            name,
            len(name),
            entry["type"],
            1,
            NONE,
            entry.get("right", NONE),
            children[0] if children else NONE,
            b"\x00" * 16,
            0,
            0,
            0,
            entry.get("start", END if entry["type"] == 5 else 0),
            len(entry.get("data", b"")),
            0,
        )
    empty = struct.pack("<64sHBBIII16sIQQIII", b"", 0, 0, 0, NONE, NONE, NONE, b"\x00" * 16, 0, 0, 0, 0, 0, 0)
    directory = directory.ljust(directory_sectors * SECTOR, b"\x00")
    directory = b"".join(
        directory[offset : offset + 128] if directory[offset : offset + 128].strip(b"\x00") else empty
        for offset in range(0, len(directory), 128)
    )
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\x00" * 16,
        0x003E,
        3,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        1,
        1,
        0,
        4096,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", 0, *[FREE] * 108)
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    return header + fat_sector + directory + sectors


def doc_bytes(*, encrypted: bool = False, extra: dict | None = None) -> bytes:
    fib = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0804, 0, 0x0100 if encrypted else 0)  # flags at 0x0A
    return ole2({"WordDocument": fib, "1Table": b"\x00" * 16, **(extra or {})})


def biff_record(record: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", record, len(body)) + body


def xls_bytes(*, sheet_type: int = 0x00, encrypted: bool = False, extra: dict | None = None) -> bytes:
    """A workbook stream: BOF, (FILEPASS), one BOUNDSHEET of ``sheet_type`` (1 is an Excel 4.0 macro sheet), EOF."""
    sheet = struct.pack("<IBB", 0, 0, sheet_type) + bytes([6, 0]) + b"Sheet1"
    records = biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    if encrypted:
        records += biff_record(0x002F, b"\x00" * 6)
    records += biff_record(0x0085, sheet) + biff_record(0x000A)
    return ole2({"Workbook": records, **(extra or {})})


def ppt_record(record: int, body: bytes = b"", *, container: bool = False) -> bytes:
    return struct.pack("<HHI", 0x000F if container else 0x0001, record, len(body)) + body


def ppt_bytes(*, vba: bool = False) -> bytes:
    """A PowerPoint stream: a DocumentContainer with its atom and, for ``vba``, a VBAInfoContainer in its info list."""
    inside = ppt_record(0x03E9, b"\x00" * 40)
    if vba:
        vba_info = ppt_record(0x03FF, ppt_record(0x0400, b"\x00" * 12), container=True)
        inside += ppt_record(0x07D0, vba_info, container=True)
    return ole2({"PowerPoint Document": ppt_record(0x03E8, inside, container=True), "Current User": b"\x00" * 8})
