"""Evidence files of activities (佐证材料): photos, PDFs and Office documents, checked by ``agencies.uploads``.

What a file is and whether it is sound is decided there; this module says what evidence may be (photos,
PDF, Word, Excel, PowerPoint), how large and how many (from the settings), and draws the thumbnails.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps

from agencies.documents import UploadPolicy
from agencies.uploads import OFFICE, PDF, PHOTOS, CheckedUpload

THUMBNAIL_SIZE = (320, 240)


def max_bytes() -> int:
    return settings.PUFFA_EVIDENCE_MAX_BYTES


def max_files() -> int:
    return settings.PUFFA_EVIDENCE_MAX_FILES


# Evidence: photos, PDF, Word, Excel, PowerPoint, as large as the setting allows.
EVIDENCE = UploadPolicy(kinds=(*PHOTOS, PDF, *OFFICE), max_bytes=max_bytes)


def inspect_evidence(upload: UploadedFile) -> CheckedUpload:
    """The file as a ``CheckedUpload``, or a ValidationError saying in Chinese why it is refused."""
    return EVIDENCE.inspect(upload)


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
