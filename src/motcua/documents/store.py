"""The personal document store (kho dữ liệu cá nhân): what a person keeps for reuse, each with its metadata.

Every read and write is scoped to the owner: another person's document is as unknown as one that does not
exist (404 `personal_document_not_found`). Files pass the same content checks as dossier uploads
(`services.check_upload`, with phone photos turned into JPEG first). Issued results enter the store from the
dossier services, in the transaction that resolves the dossier (`personal_documents_from_results`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.files.base import File
from django.db import transaction
from django.db.models import Q, QuerySet

from motcua.accounts.models import User
from motcua.accounts.policy import ensure_not_inspector
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.text import nfc

from .errors import PersonalDocumentNotDeletable, PersonalDocumentNotFound
from .models import DocumentRecord, PersonalDocument, StoredFrom
from .photos import phone_photo_as_jpeg
from .services import check_upload, files_removed_on_error, saved_with_file

# Ids are 64-bit; a larger number (or zero) names no document and must not reach the database as one.
MAX_ID = 2**63 - 1
TITLE_MAX = 300
ISSUER_MAX = 300


# --- Reading ----------------------------------------------------------------------------------------------------


def personal_documents_of(*, owner: User) -> QuerySet[PersonalDocument]:
    """The owner's documents still in the store, newest first."""
    if not owner.is_authenticated:
        return PersonalDocument.objects.none()
    return PersonalDocument.objects.filter(owner_id=owner.pk, hidden_at__isnull=True).order_by("-id")


def personal_document_of(*, owner: User, document_id: int) -> PersonalDocument:
    """One of the owner's documents still in the store, or 404."""
    if not 0 < int(document_id) <= MAX_ID:
        raise PersonalDocumentNotFound(details={"personal_document": document_id})
    document = personal_documents_of(owner=owner).filter(pk=document_id).first()
    if document is None:
        raise PersonalDocumentNotFound(details={"personal_document": document_id})
    return document


def reusable_for(*, owner: User, kind: str) -> QuerySet[PersonalDocument]:
    """What the owner may reuse for a component whose reusable kind is `kind`: documents of that kind, and the
    results issued to them (an official result is reusable wherever a component accepts reuse). A component
    without a reusable kind accepts nothing from the store."""
    if not kind:
        return PersonalDocument.objects.none()
    return personal_documents_of(owner=owner).filter(Q(kind=kind) | Q(stored_from=StoredFrom.ISSUED_RESULT))


def may_reuse(*, document: PersonalDocument, kind: str) -> bool:
    return bool(kind) and (document.kind == kind or document.stored_from == StoredFrom.ISSUED_RESULT)


def document_kinds() -> list[tuple[str, str]]:
    """The kinds of reusable document the catalog's procedures in force name, each labelled with the name of
    the first required document of that kind (in the active language): the store's choice of kinds."""
    rows = (
        RequiredDocument.objects.filter(version__status=ProcedureVersion.Status.PUBLISHED)
        .exclude(reusable_kind="")
        .order_by("reusable_kind", "id")
    )
    kinds: dict[str, str] = {}
    for row in rows.only("reusable_kind", "name", "name_en"):
        kinds.setdefault(row.reusable_kind, row.display_name)
    return sorted(kinds.items(), key=lambda item: item[1])


# --- Writing ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    title: str
    kind: str = ""
    issuer: str = ""
    issued_on: date | None = None
    valid_until: date | None = None

    def cleaned(self) -> Metadata:
        title = nfc(self.title or "")
        if not title:
            raise ValidationFailed(
                "Nhập tên giấy tờ.",
                "Enter the document's name.",
                code="required",
                details={"title": ["required"]},
            )
        kind = (self.kind or "").strip()
        if kind and kind not in dict(document_kinds()):
            raise ValidationFailed(
                "Loại giấy tờ không có trong danh mục.",
                "Unknown document kind.",
                code="invalid_kind",
                details={"kind": [kind]},
            )
        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            raise ValidationFailed(
                "Ngày hết giá trị phải sau ngày cấp.",
                "The valid-until date must be after the issue date.",
                code="invalid_dates",
                details={"valid_until": ["before_issued_on"]},
            )
        if self.issued_on and self.issued_on > clock.to_local(clock.now()).date():
            raise ValidationFailed(
                "Ngày cấp không được sau hôm nay.",
                "The issue date cannot be in the future.",
                code="invalid_dates",
                details={"issued_on": ["future"]},
            )
        return Metadata(
            title=title[:TITLE_MAX],
            kind=kind,
            issuer=nfc(self.issuer or "")[:ISSUER_MAX],
            issued_on=self.issued_on,
            valid_until=self.valid_until,
        )


@files_removed_on_error()
@transaction.atomic
def personal_document_upload(*, owner: User, file: File, metadata: Metadata) -> PersonalDocument:
    """A document the owner uploads to keep for reuse, checked by content like any dossier upload."""
    if not owner.is_authenticated:
        raise PersonalDocumentNotFound()
    ensure_not_inspector(owner)
    data = metadata.cleaned()
    file = phone_photo_as_jpeg(file)
    checked = check_upload(file=file)
    document = PersonalDocument(
        owner_id=owner.pk,
        title=data.title,
        kind=data.kind,
        original_name=(getattr(file, "name", "") or "")[:255],
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        signed=checked.signature.valid,
        issuer=data.issuer,
        issued_on=data.issued_on,
        valid_until=data.valid_until,
        stored_from=StoredFrom.UPLOADED,
        created_at=clock.now(),
    )
    return saved_with_file(document, file=file, content_type=checked.content_type)


@transaction.atomic
def personal_document_remove(*, owner: User, document_id: int) -> PersonalDocument:
    """Take one of the owner's own uploads out of the store (hidden: dossiers that reused it keep their copy and
    the row their record names). Issued results stay: 409 `personal_document_not_deletable`."""
    ensure_not_inspector(owner)
    document = personal_document_of(owner=owner, document_id=document_id)
    document = PersonalDocument.objects.select_for_update().get(pk=document.pk)
    if not document.deletable:
        raise PersonalDocumentNotDeletable(details={"personal_document": document.pk})
    if document.hidden_at is None:
        document.hidden_at = clock.now()
        document.save(update_fields=["hidden_at"])
    return document


def personal_documents_from_results(
    *, owner_id: int, records: Iterable[DocumentRecord], dossier_code: str, title: str, issuer: str
) -> list[PersonalDocument]:
    """Copy a dossier's signed results into the owner's store. Call inside the dossier service's transaction
    (and its `files_removed_on_error` block); a result already stored for that dossier is not stored twice."""
    stored = []
    now = clock.now()
    for record in records:
        exists = PersonalDocument.objects.filter(
            owner_id=owner_id,
            source_dossier_code=dossier_code,
            sha256=record.sha256,
            stored_from=StoredFrom.ISSUED_RESULT,
        ).exists()
        if exists:
            continue
        document = PersonalDocument(
            owner_id=owner_id,
            title=nfc(title)[:TITLE_MAX] or dossier_code,
            original_name=record.original_name,
            sha256=record.sha256,
            size=record.size,
            content_type=record.content_type,
            signed=record.signed,
            issuer=nfc(issuer)[:ISSUER_MAX],
            issued_on=clock.to_local(now).date(),
            source_dossier_code=dossier_code,
            stored_from=StoredFrom.ISSUED_RESULT,
            created_at=now,
        )
        with record.file.open("rb") as handle:
            stored.append(saved_with_file(document, file=File(handle), content_type=record.content_type))
    return stored


def opened(document: PersonalDocument) -> File:
    """The stored file, open for reading, under its original name (for a copy into a dossier). The caller
    closes it."""
    handle = document.file.open("rb")
    return File(handle, name=document.original_name or f"giay-to-{document.pk}")
