"""What assessment's uploads may be; ``agencies.uploads`` decides what a file really is.

Self-assessment evidence (自查自评佐证): besides photos, PDFs and Office Open XML files, agencies still attach
Word, Excel and PowerPoint 97–2003 files (.doc, .xls, .ppt) here: old ledgers kept for years. They are accepted
when they carry no macros, no packaged programs and no password.

Oversight documents (plans and reports, meeting attachments, rectification evidence): what a library document
may be, a PDF, a JPEG or PNG image, a Word, Excel or PowerPoint file, up to 20 MB each.
"""

from __future__ import annotations

from agencies import uploads
from agencies.documents import UploadPolicy

SELF_ASSESSMENT_EVIDENCE = UploadPolicy(
    kinds=(uploads.PDF, uploads.JPEG, uploads.PNG, *uploads.OFFICE, *uploads.LEGACY_OFFICE), max_bytes=20 * uploads.MB
)
MAX_EVIDENCE_BYTES = SELF_ASSESSMENT_EVIDENCE.max_bytes
inspect_evidence = SELF_ASSESSMENT_EVIDENCE.inspect
validate_evidence = SELF_ASSESSMENT_EVIDENCE.validate

OVERSIGHT_DOCUMENTS = UploadPolicy(
    kinds=(uploads.PDF, uploads.JPEG, uploads.PNG, *uploads.OFFICE), max_bytes=20 * uploads.MB
)
