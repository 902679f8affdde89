"""Checks on uploaded self-assessment evidence: the same kinds of file as activity evidence.

The file's first bytes must match its extension (a renamed executable is refused), and the size is limited.
The content type stored and served back is the one of the extension, never the browser's claim.
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

_PDF = (b"%PDF-",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Office 97–2003 (.doc, .xls, .ppt) and WPS
_ZIP = (b"PK\x03\x04",)  # Office Open XML (.docx, .xlsx, .pptx)

# extension: (content type, accepted first bytes)
ALLOWED_EVIDENCE = {
    ".pdf": ("application/pdf", _PDF),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".ppt": ("application/vnd.ms-powerpoint", _OLE),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
}


def evidence_content_type(upload) -> str:
    """The content type of an acceptable evidence file; ValidationError (in Chinese) for anything else."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB."),
            code="too_large",
            params={"limit": MAX_EVIDENCE_BYTES // (1024 * 1024)},
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED_EVIDENCE:
        raise ValidationError(
            _("Only PDF, JPEG or PNG images, and Word, Excel or PowerPoint files can be attached."),
            code="file_type",
        )
    content_type, signatures = ALLOWED_EVIDENCE[extension]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(signatures):
        raise ValidationError(
            _("The file's content does not match its extension %(extension)s."),
            code="file_content",
            params={"extension": extension},
        )
    return content_type


def validate_evidence(upload) -> None:
    evidence_content_type(upload)
