"""What an uploaded file really is (上传文件的真实类型): the one place that decides, from its bytes.

Every upload in Puffa (activity evidence, library documents, plans and reports, meeting and rectification
attachments, self-assessment evidence) passes ``inspect_upload``. The caller says which kinds it accepts
and how large a file may be; the content decides the kind, never the name or the browser's claim, and a
name whose extension disagrees with the content is refused rather than trusted or quietly corrected.

What is checked, kind by kind:

- photos (JPEG, PNG, WebP): decoded in full by Pillow with its decompression-bomb limits turned into errors,
  and they must end where the format says they end (a PNG header glued to an HTML page is refused);
- PDF: a real end marker, and no JavaScript, launch actions or embedded files, also inside compressed
  object streams and behind ``#xx``-escaped names;
- Word, Excel and PowerPoint (.docx/.xlsx/.pptx): a zip with nothing glued before or after it, limited in
  parts and unpacked size (zip bombs), whose ``[Content_Types].xml`` and ``_rels/.rels`` (parsed by
  defusedxml) name the main part of exactly that format; macros, DDE, embedded programs and external
  relationships fetched on opening (a remote template, a linked workbook or picture) are refused;
- Office 97–2003 (.doc/.xls/.ppt): an OLE2 compound file holding that format's main stream, read by
  olefile; macros (VBA, and Excel 4.0 macro sheets), embedded packaged files and password protection are
  refused. Government offices still receive these, so a caller may accept them.

Photos and PDFs, which a browser may render, must carry no web page or script markup anywhere.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePath

import olefile
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

MB = 1024 * 1024
MAX_NAME_LENGTH = 255  # what the models' file name columns hold


@dataclass(frozen=True)
class Kind:
    """A kind of file Puffa may accept; the first extension is the one a name without any gets."""

    content_type: str
    extensions: tuple[str, ...]
    label: str | Promise

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


JPEG = Kind("image/jpeg", ("jpg", "jpeg"), gettext_lazy("JPEG image"))
PNG = Kind("image/png", ("png",), gettext_lazy("PNG image"))
WEBP = Kind("image/webp", ("webp",), gettext_lazy("WebP image"))
PDF = Kind("application/pdf", ("pdf",), gettext_lazy("PDF document"))
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
    gettext_lazy("Word document (.docx)"),
)
XLSX = Kind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
    gettext_lazy("Excel workbook (.xlsx)"),
)
PPTX = Kind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
    gettext_lazy("PowerPoint presentation (.pptx)"),
)
DOC = Kind("application/msword", ("doc",), gettext_lazy("Word 97–2003 document (.doc)"))
XLS = Kind("application/vnd.ms-excel", ("xls",), gettext_lazy("Excel 97–2003 workbook (.xls)"))
PPT = Kind("application/vnd.ms-powerpoint", ("ppt",), gettext_lazy("PowerPoint 97–2003 presentation (.ppt)"))

PHOTOS = (JPEG, PNG, WEBP)
OFFICE = (DOCX, XLSX, PPTX)
LEGACY_OFFICE = (DOC, XLS, PPT)

# An Office file unpacking to more than this, or with this many parts, is a zip bomb, not a document.
MAX_OOXML_UNPACKED_BYTES = 200 * MB
MAX_OOXML_PART_BYTES = 100 * MB
MAX_OOXML_PARTS = 5000
MAX_OOXML_XML_BYTES = 1 * MB  # [Content_Types].xml and _rels/.rels are a few hundred bytes in real files
# What the compressed object streams of one PDF may inflate to before it counts as a bomb.
MAX_PDF_INFLATED_BYTES = 64 * MB

# Markup a browser would run or render: its presence anywhere makes a file a polyglot, not a photo or PDF.
MARKUP = re.compile(
    rb"<\s*(?:script|html|head|body|iframe|frame|object|embed|svg|meta|link|form|img|style|!doctype)[\s>/]"
    rb"|javascript\s*:|<\?php",
    re.IGNORECASE,
)
PDF_ACTIVE_CONTENT = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)\b")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
# A suffix that is a file extension, not part of a title such as “3.15 宣传”.
EXTENSION = re.compile(r"[A-Za-z][A-Za-z0-9]{0,5}")

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_DOCUMENT_RELATIONSHIPS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
}
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
OOXML_MACRO_TYPES = {
    "application/vnd.ms-word.document.macroenabled.main+xml",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
    "application/vnd.ms-excel.template.macroenabled.main+xml",
    "application/vnd.ms-excel.addin.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
    "application/vnd.ms-office.vbaproject",
}
# A relationship an Office program follows when it opens the file (a remote template, a linked workbook,
# picture or object) fetches from, and reveals the reader to, whatever address the author chose. Only a
# hyperlink waits for a click.
EXTERNAL_ALLOWED_TYPES = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"}
# DDE (Dynamic Data Exchange) runs a program from a formula (``=cmd|' /C calc'!A0``, ``=DDE(...)``), a Word
# field (``DDEAUTO``) or a workbook's DDE link: refused like macros.
_XLSX_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>")
_FORMULA_STRING = re.compile(rb'"[^"]*"')
_DDE_FUNCTION = re.compile(rb"\bDDE(?:AUTO)?\s*\(", re.IGNORECASE)
_DDE_FIELD = re.compile(
    rb"<(?:\w+:)?instrText\b[^>]*>\s*DDE(?:AUTO)?\b|\binstr=\"\s*DDE(?:AUTO)?\b|<(?:\w+:)?ddeLink\b", re.IGNORECASE
)
OLE_MACRO_STORAGES = {"macros", "_vba_project_cur", "_vba_project", "vba"}
OLE_PACKAGE_STREAM = "\x01ole10native"  # a file (often a program) packaged inside a document


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed ``inspect_upload``, with what was learnt about it."""

    upload: UploadedFile
    name: str  # the user's file name without folders, at most 255 characters; the extension added if it had none
    kind: Kind
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    @property
    def is_image(self) -> bool:
        return self.kind.is_image


def inspect_upload(upload: UploadedFile, *, accept: Collection[Kind], max_bytes: int) -> CheckedUpload:
    """The file as a ``CheckedUpload``, or a ValidationError saying in Chinese which file is refused and why."""
    name = PurePath((upload.name or "").replace("\\", "/")).name.strip() or "file"
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    too_large = ValidationError(
        _("“%(name)s” is larger than %(limit)d MB.") % {"name": name, "limit": max_bytes // MB}, code="too_large"
    )
    if upload.size is not None and upload.size > max_bytes:
        raise too_large
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise too_large
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    kind = identify(data, name)
    if kind not in accept:
        raise ValidationError(
            _("“%(name)s” is a kind of file not accepted here (%(kind)s). Accepted: %(accepted)s.")
            % {"name": name, "kind": kind.label, "accepted": describe(accept)},
            code="not_accepted",
        )
    return CheckedUpload(
        upload=upload,
        name=_name_for(name, kind),
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def describe(kinds: Collection[Kind]) -> str:
    """The accepted kinds for a message: “JPEG 图片、PNG 图片、PDF 文件”."""
    return _(", ").join(str(kind.label) for kind in kinds)


# --- telling the kinds apart -----------------------------------------------------------------------------


def identify(data: bytes, name: str) -> Kind:
    """The kind ``data`` really is, checked in depth, its name agreeing; ValidationError otherwise."""
    if data.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = WEBP
    elif data.startswith(b"%PDF-"):
        kind = PDF
    elif data.startswith(b"PK\x03\x04"):
        kind = None  # which Office format the zip is, its parts say
    elif data.startswith(OLE2_SIGNATURE):
        kind = None
    else:
        raise ValidationError(
            _(
                "“%(name)s” is not a photo, a PDF or an Office document (Word, Excel, PowerPoint), whatever its "
                "name says."
            )
            % {"name": name},
            code="unknown_type",
        )
    # The name must not claim another format before the deeper checks, so the user hears the simpler reason.
    if kind is not None:
        _check_extension(name, kind)
    if kind in PHOTOS:
        _check_image(data, kind, name)
    elif kind == PDF:
        _check_pdf(data, name)
    elif data.startswith(OLE2_SIGNATURE):
        kind = _check_ole2(data, name)
        _check_extension(name, kind)
    else:
        kind = _check_ooxml(data, name)
        _check_extension(name, kind)
    return kind


def _extension_of(name: str) -> str | None:
    stem, dot, extension = name.rpartition(".")
    if dot and stem and EXTENSION.fullmatch(extension):
        return extension.lower()
    return None


def _check_extension(name: str, kind: Kind) -> None:
    extension = _extension_of(name)
    if extension is not None and extension not in kind.extensions:
        raise ValidationError(
            _(
                "The content of “%(name)s” is a %(kind)s, but its name ends in .%(extension)s. Rename it to end in "
                ".%(expected)s, or choose the right file."
            )
            % {"name": name, "kind": kind.label, "extension": extension, "expected": kind.extension},
            code="extension_mismatch",
        )


def _name_for(name: str, kind: Kind) -> str:
    """The name to keep: the right extension added when there was none, and short enough to store whole."""
    stem, extension = name.rsplit(".", 1) if _extension_of(name) else (name, kind.extension)
    return f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"


def _refuse_markup(data: bytes, name: str) -> None:
    if MARKUP.search(data):
        raise ValidationError(
            _("“%(name)s” contains web page or script code and is refused.") % {"name": name}, code="markup"
        )


# --- photos ----------------------------------------------------------------------------------------------


def _check_image(data: bytes, kind: Kind, name: str) -> None:
    damaged = ValidationError(
        _("“%(name)s” is damaged or is not the image it claims to be.") % {"name": name}, code="bad_image"
    )
    try:
        end = {JPEG: _jpeg_end, PNG: _png_end, WEBP: _webp_end}[kind](data)
    except (IndexError, ValueError) as exc:
        raise damaged from exc
    if data[end:].strip(b"\x00"):
        raise ValidationError(
            _("“%(name)s” has other data hidden after the end of the image and is refused.") % {"name": name},
            code="trailing_data",
        )
    _refuse_markup(data, name)
    try:
        with warnings.catch_warnings():
            # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}[kind]:
                    raise damaged
                image.load()  # decode every pixel: a truncated or malformed image fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("“%(name)s” has too many pixels to be a photo and is refused.") % {"name": name}, code="bomb"
        ) from exc
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds; all mean "not a sound image"
        raise damaged from exc


def _jpeg_end(data: bytes) -> int:
    """Offset just after the JPEG's end-of-image marker, walking its segments (EXIF thumbnails included)."""
    position, size = 2, len(data)
    while True:
        if data[position] != 0xFF:
            raise ValueError("expected a marker")
        while data[position] == 0xFF:  # fill bytes
            position += 1
        marker = data[position]
        position += 1
        if marker == 0xD9:  # EOI
            return position
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # stand-alone markers
            continue
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            raise ValueError("bad segment length")
        position += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            while True:
                found = data.find(b"\xff", position)
                if found < 0 or found + 1 >= size:
                    raise ValueError("no end of image")
                following = data[found + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position = found + 2
                elif following == 0xFF:
                    position = found + 1
                else:
                    position = found
                    break


def _png_end(data: bytes) -> int:
    """Offset just after the PNG's IEND chunk."""
    position = 8
    while True:
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if len(kind) < 4:
            raise ValueError("no IEND chunk")
        position += 12 + length
        if kind == b"IEND":
            if position > len(data):
                raise ValueError("truncated")
            return position


def _webp_end(data: bytes) -> int:
    """Offset just after the RIFF container the WebP declares."""
    declared = int.from_bytes(data[4:8], "little")
    end = 8 + declared + (declared & 1)
    if declared < 4 or end > len(data) + (declared & 1):
        raise ValueError("truncated")
    return min(end, len(data))


# --- PDF -------------------------------------------------------------------------------------------------


def _check_pdf(data: bytes, name: str) -> None:
    damaged = ValidationError(_("“%(name)s” is damaged or is not a PDF.") % {"name": name}, code="bad_pdf")
    if b"%%EOF" not in data[-2048:]:
        raise damaged
    _refuse_markup(data, name)
    scripted = ValidationError(
        _("“%(name)s” contains scripts or embedded files; save it again as a plain PDF.") % {"name": name},
        code="pdf_script",
    )
    if PDF_ACTIVE_CONTENT.search(_pdf_names(data)):
        raise scripted
    # Objects may hide in compressed object streams; an encrypted PDF's streams cannot be read without its key.
    if b"/Encrypt" in data:
        return
    budget = MAX_PDF_INFLATED_BYTES
    view = memoryview(data)
    for start in PDF_STREAM_START.finditer(data):
        header = data[max(0, start.start() - 1024) : start.start()]
        header = header[header.rfind(b"obj") :]
        if b"/ObjStm" not in header or b"/FlateDecode" not in header:
            continue
        try:
            inflated = zlib.decompressobj().decompress(view[start.end() :], budget + 1)
        except zlib.error as exc:
            raise damaged from exc
        budget -= len(inflated)
        if budget < 0:
            raise ValidationError(
                _("“%(name)s” unpacks to too much data to be a real document.") % {"name": name}, code="bomb"
            )
        if MARKUP.search(inflated) or PDF_ACTIVE_CONTENT.search(_pdf_names(inflated)):
            raise scripted


def _pdf_names(data: bytes) -> bytes:
    """``data`` with ``#xx`` escapes in names spelt out: ``/J#61vaScript`` is ``/JavaScript`` to a reader."""
    return PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), data) if b"#" in data else data


# --- Office Open XML (.docx, .xlsx, .pptx) ------------------------------------------------------------------


def _check_ooxml(data: bytes, name: str) -> Kind:
    not_office = ValidationError(
        _("“%(name)s” is a compressed file but not a Word, Excel or PowerPoint document.") % {"name": name},
        code="not_office",
    )
    bomb = ValidationError(
        _("“%(name)s” unpacks to too much data to be a real document.") % {"name": name}, code="bomb"
    )
    # The zip must end where its end record says and begin at the first byte: nothing glued on either side.
    end_record = data.rfind(b"PK\x05\x06")
    if end_record < 0 or end_record + 22 + int.from_bytes(data[end_record + 20 : end_record + 22], "little") != len(
        data
    ):
        raise not_office
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if not infos or min(info.header_offset for info in infos) != 0:
                raise not_office
            if len(infos) > MAX_OOXML_PARTS:
                raise bomb
            if any(info.file_size > MAX_OOXML_PART_BYTES for info in infos):
                raise bomb
            if sum(info.file_size for info in infos) > MAX_OOXML_UNPACKED_BYTES:
                raise bomb
            names = [info.filename for info in infos]
            # Two parts of one name are read differently by different programs: a disguise, not a document.
            if len({part.lower() for part in names}) != len(names) or any(info.flag_bits & 0x1 for info in infos):
                raise not_office
            content_types = _xml_part(archive, "[Content_Types].xml")
            relationships = _xml_part(archive, "_rels/.rels")
            main_part = _main_part(relationships)
            main_type = _part_type(content_types, main_part) if main_part else ""
            declared = {element.get("ContentType", "").lower() for element in content_types}
            macros = bool(OOXML_MACRO_TYPES & (declared | {main_type})) or any(
                part.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for part in names
            )
            embedded = [info for info in infos if "/embeddings/" in info.filename.lower()]
            packaged = any(_ole_holds_package(archive, info) for info in embedded)
            external = any(_reaches_outside(archive, info) for info in infos if info.filename.lower().endswith(".rels"))
            dde = any(_holds_dde(archive.read(info)) for info in infos if info.filename.lower().endswith(".xml"))
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken zip or XML is simply not an Office document
        raise not_office from exc
    if macros or dde:
        raise _refused(name, "macros") if macros else _refused(name, "dde")
    if packaged:
        raise _refused(name, "embedded_file")
    if external:
        raise _refused(name, "external")
    kind = OOXML_MAIN_TYPES.get(main_type)
    if kind is None or main_part.lower() not in {part.lower() for part in names}:
        raise not_office
    return kind


def _reaches_outside(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a relationships part names an external target that is fetched on opening (not a hyperlink)."""
    return any(
        _local(element.tag) == "Relationship"
        and element.get("TargetMode", "Internal").lower() == "external"
        and element.get("Type") not in EXTERNAL_ALLOWED_TYPES
        for element in _xml_part(archive, info.filename)
    )


def _holds_dde(xml: bytes) -> bool:
    """A DDE field or link anywhere, or a formula calling another program (a ``|`` outside its strings)."""
    if _DDE_FIELD.search(xml):
        return True
    for match in _XLSX_FORMULA.finditer(xml):
        formula = _FORMULA_STRING.sub(b"", match[1].replace(b"&quot;", b'"'))
        if b"|" in formula or _DDE_FUNCTION.search(formula):
            return True
    return False


def _xml_part(archive: zipfile.ZipFile, part: str):
    with archive.open(part) as handle:
        text = handle.read(MAX_OOXML_XML_BYTES + 1)
    if len(text) > MAX_OOXML_XML_BYTES:
        raise ValueError(f"{part} is too large")
    return ElementTree.fromstring(text, forbid_dtd=True)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _main_part(relationships) -> str:
    """The part ``_rels/.rels`` names as the document itself, without its leading slash."""
    targets = [
        element.get("Target", "")
        for element in relationships
        if _local(element.tag) == "Relationship"
        and element.get("Type") in OFFICE_DOCUMENT_RELATIONSHIPS
        and element.get("TargetMode", "Internal") == "Internal"
    ]
    return targets[0].lstrip("/") if len(targets) == 1 else ""


def _part_type(content_types, part: str) -> str:
    """The content type ``[Content_Types].xml`` gives ``part``: its Override, else its extension's Default."""
    if _local(content_types.tag) != "Types":
        return ""
    extension = part.rsplit(".", 1)[-1].lower()
    default = ""
    for element in content_types:
        if _local(element.tag) == "Override" and element.get("PartName", "").lstrip("/").lower() == part.lower():
            return element.get("ContentType", "").lower()
        if _local(element.tag) == "Default" and element.get("Extension", "").lower() == extension:
            default = element.get("ContentType", "").lower()
    return default


# --- Office 97–2003 (.doc, .xls, .ppt) ---------------------------------------------------------------------


def _check_ole2(data: bytes, name: str) -> Kind:
    not_office = ValidationError(
        _("“%(name)s” is not a Word, Excel or PowerPoint document, whatever its name says.") % {"name": name},
        code="not_office",
    )
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            paths = [[part.lower() for part in path] for path in ole.listdir(streams=True, storages=True)]
            tops = {path[0] for path in paths}
            if {"encryptedpackage", "encryptedsummary"} & tops:
                raise _refused(name, "encrypted")
            if any(OLE_MACRO_STORAGES & set(path[:-1]) or path[-1] in OLE_MACRO_STORAGES for path in paths):
                raise _refused(name, "macros")
            if any(path[-1] == OLE_PACKAGE_STREAM for path in paths):
                raise _refused(name, "embedded_file")
            if "worddocument" in tops:
                kind = DOC
                flags = struct.unpack_from("<H", ole.openstream("WordDocument").read(12), 10)[0]
                if flags & 0x0100:  # FIB fEncrypted
                    raise _refused(name, "encrypted")
            elif "workbook" in tops or "book" in tops:
                kind = XLS
                stream = ole.openstream("Workbook" if "workbook" in tops else "Book").read()
                _check_xls_globals(stream, name)
            elif "powerpoint document" in tops:
                kind = PPT
                if _ppt_has_vba(ole.openstream("PowerPoint Document").read()):
                    raise _refused(name, "macros")
            else:
                raise not_office
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - olefile raises many kinds; all mean "not a sound document"
        raise not_office from exc
    return kind


def _check_xls_globals(stream: bytes, name: str) -> None:
    """Refuse Excel 4.0 macro sheets and password protection, read from the workbook's first BIFF records."""
    position = 0
    while position + 4 <= len(stream):
        record, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4 : position + 4 + length]
        if record == 0x002F:  # FILEPASS: the rest is encrypted
            raise _refused(name, "encrypted")
        if record == 0x0085 and len(body) >= 6 and body[5] in (0x01, 0x06):  # BOUNDSHEET: macro sheet, VBA module
            raise _refused(name, "macros")
        if record == 0x000A:  # EOF of the workbook globals
            return
        position += 4 + length


def _ppt_has_vba(stream: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> bool:
    """Whether a PowerPoint stream holds a VBAInfoContainer (record 0x03FF), walking its record containers."""
    end = len(stream) if end is None else end
    position = start
    while position + 8 <= end and depth < 16:
        version_instance, record, length = struct.unpack_from("<HHI", stream, position)
        if record == 0x03FF:
            return True
        body_end = position + 8 + length
        if body_end > end:
            return False
        if version_instance & 0x000F == 0x000F and _ppt_has_vba(stream, position + 8, body_end, depth + 1):
            return True
        position = body_end
    return False


def _ole_holds_package(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an embedded object is a packaged file (which may be a program) rather than, say, a chart."""
    with archive.open(info) as handle:
        if handle.read(len(OLE2_SIGNATURE)) != OLE2_SIGNATURE:
            return False
    with olefile.OleFileIO(io.BytesIO(archive.read(info))) as ole:
        return any(path[-1].lower() == OLE_PACKAGE_STREAM for path in ole.listdir(streams=True, storages=False))


# Why a file is refused, by the refusal's code; each message names the file as %(name)s.
_REFUSALS = {
    "macros": gettext_lazy(
        "“%(name)s” contains macros; save it again as a document without macros (.docx, .xlsx or .pptx)."
    ),
    "dde": gettext_lazy(
        "“%(name)s” contains a DDE formula or field that starts another program; remove it and save again."
    ),
    "external": gettext_lazy(
        "“%(name)s” fetches a template, picture or data from an external address when opened; "
        "save it again without the link."
    ),
    "embedded_file": gettext_lazy(
        "“%(name)s” has another file or program packaged inside it; attach that file on its own instead."
    ),
    "encrypted": gettext_lazy(
        "“%(name)s” is protected by a password, so nobody could open it; save it again without the password."
    ),
}


def _refused(name: str, code: str) -> ValidationError:
    """The upload named ``name`` refused, for the reason ``code`` names in ``_REFUSALS``."""
    return ValidationError(_REFUSALS[code] % {"name": name}, code=code)
