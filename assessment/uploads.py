"""What self-assessment evidence (自查自评佐证) may be; ``agencies.uploads`` decides what a file really is.

Besides photos, PDFs and Office Open XML files, agencies still attach Word, Excel and PowerPoint 97–2003
files (.doc, .xls, .ppt) here: old ledgers kept for years. They are accepted when they carry no macros,
no packaged programs and no password.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from agencies import uploads

SELF_ASSESSMENT_KINDS = (uploads.PDF, uploads.JPEG, uploads.PNG, *uploads.OFFICE, *uploads.LEGACY_OFFICE)
MAX_EVIDENCE_BYTES = 20 * uploads.MB


def inspect_evidence(upload: UploadedFile) -> uploads.CheckedUpload:
    """The evidence file as a ``CheckedUpload``, or a ValidationError saying in Chinese why it is refused."""
    return uploads.inspect_upload(upload, accept=SELF_ASSESSMENT_KINDS, max_bytes=MAX_EVIDENCE_BYTES)


def validate_evidence(upload: UploadedFile) -> None:
    inspect_evidence(upload)
