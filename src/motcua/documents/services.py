"""Checking uploaded files by their content and recording them in a dossier."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import filetype
from django.conf import settings
from django.core.files.base import File

from .checks import check_content, clean_file_name
from .errors import UploadRejected
from .models import DocumentRecord, Source

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    sha256: str
    size: int


def check_upload(*, file: File) -> CheckedFile:
    """The file's real type (read from its first bytes, never from its name), checksum and size, once its whole
    content has passed the checks of `documents.checks` (a PDF parses and has no active content, an image
    decodes, no HTML inside). The file's name is normalised in place (NFC, no control or bidirectional
    characters, length capped): the record keeps that name."""
    file.name = clean_file_name(getattr(file, "name", "") or "")
    size = file.size or 0
    limit = settings.MOTCUA_MAX_UPLOAD_BYTES
    if size == 0:
        raise UploadRejected("Tệp tải lên bị rỗng.", "The uploaded file is empty.", code="upload_empty")
    if size > limit:
        mb = limit / (1024 * 1024)
        raise UploadRejected(
            f"Tệp quá lớn: tối đa {mb:.0f} MB.",
            f"The file is too large: at most {mb:.0f} MB.",
            code="upload_too_large",
            details={"max_bytes": limit, "size": size},
        )
    file.seek(0)
    head = file.read(8192)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED_TYPES:
        raise UploadRejected(
            "Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).",
            "Only PDF, JPEG or PNG files are accepted (checked by the file's content).",
            code="upload_type_not_allowed",
            details={"detected": mime},
        )
    check_content(file, content_type=mime)
    file.seek(0)
    head = file.read(8192)
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return CheckedFile(content_type=mime, sha256=digest.hexdigest(), size=size)


def document_record_create(
    *,
    dossier_id: int,
    file: File,
    checked: CheckedFile,
    component_code: str,
    source: str,
    uploaded_by_id: int | None,
    at: datetime,
    signed: bool = False,
) -> DocumentRecord:
    record = DocumentRecord(
        dossier_id=dossier_id,
        component_code=component_code,
        original_name=(getattr(file, "name", "") or "")[:255],
        source=source,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        digitized=source in (Source.DIGITIZED, Source.REUSED, Source.ISSUED_RESULT),
        signed=signed,
        uploaded_by_id=uploaded_by_id,
        uploaded_at=at,
    )
    record.file.save(ALLOWED_TYPES[checked.content_type], file, save=False)
    record.save()
    return record
