"""Checking uploaded files by their content and recording them in a dossier."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

import filetype
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage

from .checks import check_content, clean_file_name
from .errors import UploadRejected
from .models import DocumentRecord, Source
from .signatures import SignatureCheck, verify_pdf_signature

logger = logging.getLogger("motcua.documents")

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

# Files written inside each open `files_removed_on_error` block, innermost last.
_WRITTEN: ContextVar[tuple[list[tuple[Storage, str]], ...]] = ContextVar("motcua_files_written", default=())


def _remove(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # the original error matters more; the file is only an orphan
            logger.warning("could not remove %s after a rollback", name, exc_info=True)


@contextmanager
def files_removed_on_error() -> Iterator[None]:
    """Files that `document_record_create` writes inside this block are deleted if the block ends with an
    error: the transaction (or savepoint) that recorded them is rolled back, so nothing names them any more.

    The storage is written before the commit (a committed record always has its file) and a rollback has no
    hook in Django, so the block goes around the transaction: `with files_removed_on_error(), atomic(): ...`
    (or as a decorator above `@transaction.atomic`). A commit that fails is an error of the block too. Blocks
    nest: a file written in an inner block that ends well is removed if the outer block then fails. A caller
    that encloses the block in a transaction of its own should enclose that transaction in a block as well:
    otherwise its later rollback leaves the file behind (an orphan nothing names, never a record without file).
    """
    written: list[tuple[Storage, str]] = []
    token = _WRITTEN.set((*_WRITTEN.get(), written))
    try:
        yield
    except BaseException:
        _WRITTEN.reset(token)
        _remove(written)
        raise
    _WRITTEN.reset(token)
    enclosing = _WRITTEN.get()
    if enclosing:
        enclosing[-1].extend(written)


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    sha256: str
    size: int
    # The PDF's signature as verified here; whatever a client says about it is never asked.
    signature: SignatureCheck = SignatureCheck(valid=False)


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
    signature = verify_pdf_signature(file) if mime == "application/pdf" else SignatureCheck(valid=False)
    return CheckedFile(content_type=mime, sha256=digest.hexdigest(), size=size, signature=signature)


def document_record_create(
    *,
    dossier_id: int,
    file: File,
    checked: CheckedFile,
    component_code: str,
    source: str,
    uploaded_by_id: int | None,
    at: datetime,
    digitized: bool | None = None,
    personal_document_id: int | None = None,
) -> DocumentRecord:
    """The record and its file in storage. Call inside `files_removed_on_error()` and a transaction: a rollback
    then takes the file with the record.

    `digitized` follows the source (digitized at the counter, reused from the store, an issued result): the
    dossier's rules decide who may name which source, and may say otherwise (`digitized`: a citizen's own
    paper reused from the store is not a digitized copy). `signed` only when the signature verified."""
    record = DocumentRecord(
        dossier_id=dossier_id,
        component_code=component_code,
        original_name=(getattr(file, "name", "") or "")[:255],
        source=source,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        digitized=(
            source in (Source.DIGITIZED, Source.REUSED, Source.ISSUED_RESULT)
            if digitized is None
            else digitized
        ),
        signed=checked.signature.valid,
        uploaded_by_id=uploaded_by_id,
        uploaded_at=at,
        personal_document_id=personal_document_id,
    )
    return saved_with_file(record, file=file, content_type=checked.content_type)


def saved_with_file(record, *, file: File, content_type: str):
    """Write `file` to the record's file field (named by its type's extension) and save the record; the file is
    removed if the save fails, and by the enclosing `files_removed_on_error` block if that block fails."""
    record.file.save(ALLOWED_TYPES[content_type], file, save=False)
    written = (record.file.storage, record.file.name)
    try:
        record.save()
    except BaseException:
        _remove([written])
        raise
    tracked = _WRITTEN.get()
    if tracked:
        tracked[-1].append(written)
    return record
