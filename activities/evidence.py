"""What an evidence file (佐证材料) really is: recognised from its bytes, never from its name.

``inspect_upload`` is the one rule for accepting a file. It knows JPEG, PNG, WebP, PDF and the three
Office Open XML formats (DOCX, XLSX, PPTX) by their magic bytes and structure; images are decoded in
full by Pillow with its decompression-bomb limits turned into errors, and must end where the format
says they end (a PNG header glued to an HTML page is refused); nothing may carry HTML or script
markup. What passes comes back as a ``CheckedUpload``, the only thing the services store.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

JPEG, PNG, WEBP, PDF = "image/jpeg", "image/png", "image/webp", "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PPTX: "pptx"}
# Names people use for the same format; a name already ending in one of these keeps its extension.
EXTENSION_ALIASES = {JPEG: {"jpg", "jpeg"}}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}

# An Office file unpacking to more than this, or with this many parts, is a zip bomb, not a document.
MAX_OOXML_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_OOXML_PARTS = 5000
THUMBNAIL_SIZE = (320, 240)

# Markup a browser would run or render: its presence anywhere makes a file a polyglot, not evidence.
MARKUP = re.compile(
    rb"<\s*(?:script|html|head|body|iframe|frame|object|embed|svg|meta|link|form|img|style|!doctype)[\s>/]"
    rb"|javascript\s*:|<\?php",
    re.IGNORECASE,
)
PDF_ACTIVE_CONTENT = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile)\b")


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed ``inspect_upload``, with what was learnt about it."""

    upload: UploadedFile
    name: str  # the original name, its extension corrected to the real format
    content_type: str
    size: int
    sha256: str

    @property
    def is_image(self) -> bool:
        return self.content_type in PILLOW_FORMATS


def max_bytes() -> int:
    return settings.PUFFA_EVIDENCE_MAX_BYTES


def max_files() -> int:
    return settings.PUFFA_EVIDENCE_MAX_FILES


def inspect_upload(upload: UploadedFile) -> CheckedUpload:
    """The file as a ``CheckedUpload``, or a ValidationError saying in Chinese why it is refused."""
    name = upload.name or "file"
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)d MB.") % {"name": name, "limit": limit // (1024 * 1024)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)d MB.") % {"name": name, "limit": limit // (1024 * 1024)},
            code="too_large",
        )
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a photo (JPEG, PNG, WebP), a PDF or an Office document (Word, Excel, PowerPoint), "
                "whatever its name says."
            )
            % {"name": name},
            code="unknown_type",
        )
    if content_type in PILLOW_FORMATS:
        _check_image(data, content_type, name)
    elif content_type == PDF:
        _check_pdf(data, name)
    else:
        content_type = _check_ooxml(data, name)
    return CheckedUpload(
        upload=upload,
        name=corrected_name(name, content_type),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def sniff(data: bytes) -> str | None:
    """The content type the leading bytes announce (OOXML is told apart later), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return DOCX  # provisional: _check_ooxml decides which Office format it is
    return None


def corrected_name(name: str, content_type: str) -> str:
    """The uploaded name with the extension of the format it really is: ``照片.pdf`` holding a PNG is ``照片.png``."""
    name = PurePath(name.replace("\\", "/")).name.strip() or "file"
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if extension.lower() in EXTENSION_ALIASES.get(content_type, {EXTENSIONS[content_type]}):
        return name
    return f"{stem or 'file'}.{EXTENSIONS[content_type]}"


def _refuse_markup(data: bytes, name: str) -> None:
    if MARKUP.search(data):
        raise ValidationError(
            _("“%(name)s” contains web page or script code and is refused.") % {"name": name}, code="markup"
        )


def _check_image(data: bytes, content_type: str, name: str) -> None:
    damaged = ValidationError(
        _("“%(name)s” is damaged or is not the image it claims to be.") % {"name": name}, code="bad_image"
    )
    try:
        end = {JPEG: _jpeg_end, PNG: _png_end, WEBP: _webp_end}[content_type](data)
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
                if image.format != PILLOW_FORMATS[content_type]:
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


def _check_pdf(data: bytes, name: str) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("“%(name)s” is damaged or is not a PDF.") % {"name": name}, code="bad_pdf")
    _refuse_markup(data, name)
    if PDF_ACTIVE_CONTENT.search(data):
        raise ValidationError(
            _("“%(name)s” contains scripts or embedded programs; save it again as a plain PDF.") % {"name": name},
            code="pdf_script",
        )


def _check_ooxml(data: bytes, name: str) -> str:
    not_office = ValidationError(
        _("“%(name)s” is a compressed file but not a Word, Excel or PowerPoint document.") % {"name": name},
        code="not_office",
    )
    # The zip must also end where its end record says: nothing may be glued behind it either.
    end_record = data.rfind(b"PK\x05\x06")
    if end_record < 0 or end_record + 22 + int.from_bytes(data[end_record + 20 : end_record + 22], "little") != len(
        data
    ):
        raise not_office
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            # The first entry must sit at the very start: nothing (such as a web page) may be glued in front.
            if not infos or min(info.header_offset for info in infos) != 0:
                raise not_office
            if len(infos) > MAX_OOXML_PARTS or sum(info.file_size for info in infos) > MAX_OOXML_UNPACKED_BYTES:
                raise ValidationError(
                    _("“%(name)s” unpacks to too much data to be a real document.") % {"name": name}, code="bomb"
                )
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names:
                raise not_office
            content_types = archive.read("[Content_Types].xml")
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken zip is simply not an Office document
        raise not_office from exc
    found = {content_type for prefix, content_type in OOXML_PARTS.items() if any(n.startswith(prefix) for n in names)}
    if len(found) != 1 or b"<Types" not in content_types:
        raise not_office
    if MARKUP.search(content_types):
        raise not_office
    return found.pop()


def thumbnail_bytes(data: bytes) -> bytes:
    """A small JPEG of an image for the activity page (EXIF rotation applied)."""
    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMBNAIL_SIZE)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.convert("RGBA").getchannel("A"))
            image = background
        output = io.BytesIO()
        image.save(output, "JPEG", quality=80)
        return output.getvalue()
