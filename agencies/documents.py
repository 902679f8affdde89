"""Stored documents: one shape for every file Puffa keeps, one way to serve it, one policy per feature.

Activity evidence, library materials, needs-analysis attachments, oversight filings, meeting attachments,
rectification evidence and self-assessment evidence are all uploads kept under a server-made name. Each
records the same four facts, taken from the content by ``agencies.uploads`` and never from what the browser
claimed: the user's file name (a label only), the content type it turned out to be, its size and its SHA-256.
Each feature names its ``UploadPolicy`` (the kinds it accepts and how large); every download goes through
``download_response``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import user_field
from .spreadsheets import content_disposition
from .uploads import CheckedUpload, Kind, inspect_upload

MAX_FILES_PER_UPLOAD = 10


@dataclass(frozen=True)
class UploadPolicy:
    """What one feature accepts: the kinds of file, and at most how many bytes (a number, or a function that
    reads the setting when a file is checked)."""

    kinds: Collection[Kind]
    max_bytes: int | Callable[[], int]

    def limit(self) -> int:
        return self.max_bytes() if callable(self.max_bytes) else self.max_bytes

    def inspect(self, upload: UploadedFile) -> CheckedUpload:
        """The file as a ``CheckedUpload``, or a ValidationError saying in Chinese why it is refused."""
        return inspect_upload(upload, accept=self.kinds, max_bytes=self.limit())

    def validate(self, upload: UploadedFile) -> None:
        self.inspect(upload)


class StoredDocument(models.Model):
    """An uploaded file kept under a server-made name; what the user called it is only a label.

    ``content_type`` is what the content turned out to be (``agencies.uploads``), never what the browser
    claimed, and downloads are served with it.
    """

    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        abstract = True

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class UploadedDocument(StoredDocument):
    """A stored document that records who uploaded it and when."""

    uploaded_by = user_field(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True


def server_file_name(folder: str) -> str:
    return f"{folder}/{uuid.uuid4().hex}"


def stored_fields(checked: CheckedUpload) -> dict:
    """What a ``StoredDocument`` records about a checked upload."""
    return {
        "original_name": checked.name,
        "content_type": checked.content_type,
        "size": checked.size,
        "sha256": checked.sha256,
    }


def delete_file_after_commit(field_file) -> None:
    """Remove a replaced file once the row no longer points at it (never before the commit)."""
    if field_file and field_file.name:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


def download_response(field_file, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download: its checked type, a Chinese-safe name, no sniffing; 404 if it is gone."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_download(documents: models.QuerySet, pk: int) -> FileResponse:
    """The stored document ``pk`` among ``documents`` (already narrowed to what the user may see) as a download;
    404 when it is not among them."""
    document = get_object_or_404(documents, pk=pk)
    return download_response(document.file, document.original_name, document.content_type)


# --- form fields --------------------------------------------------------------------------------------


def new_upload(value) -> UploadedFile | None:
    """The file just uploaded, or None when a form field only handed back the stored one."""
    return value if isinstance(value, UploadedFile) else None


class DocumentField(forms.FileField):
    """One file, checked against the feature's policy."""

    widget = forms.FileInput

    def __init__(self, *args, policy: UploadPolicy, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators.append(policy.validate)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    """Several files at once, each checked like a single one."""

    def __init__(self, *args, policy: UploadPolicy, max_files: int = MAX_FILES_PER_UPLOAD, **kwargs):
        self.policy, self.max_files = policy, max_files
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > self.max_files:
            raise ValidationError(
                _("Attach at most %(limit)d files at a time.") % {"limit": self.max_files}, code="too_many"
            )
        errors = []
        for upload in uploads:
            try:
                super().clean(upload, initial)
                self.policy.validate(upload)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return uploads
