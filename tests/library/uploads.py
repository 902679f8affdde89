"""Small real files (and fakes) for the library and oversight upload tests: see ``tests/files.py``."""

from django.core.files.uploadedfile import SimpleUploadedFile

from ..files import docx_bytes, image_bytes, pdf_bytes, upload

__all__ = ["docx_bytes", "html_renamed", "pdf_bytes", "png_bytes", "upload"]


def png_bytes() -> bytes:
    return image_bytes("PNG", size=(8, 8))


def html_renamed(name: str = "通知.pdf") -> SimpleUploadedFile:
    return upload(name, b"<html><body><script>alert(1)</script></body></html>", "application/pdf")
