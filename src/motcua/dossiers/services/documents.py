"""Documents attached to a dossier, checked by content."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, ApplicationError, ValidationFailed
from motcua.core.text import nfc
from motcua.documents import store
from motcua.documents.models import DocumentRecord, PersonalDocument, Source, StoredFrom
from motcua.documents.photos import phone_photo_as_jpeg, photo_as_pdf_page
from motcua.documents.services import check_upload, document_record_create, files_removed_on_error

from .. import workflow
from ..models import EventKind
from .common import _lock
from .events import append_event


@files_removed_on_error()  # around the transaction: a rollback takes the written file with the record
@transaction.atomic
def dossier_add_document(
    *,
    code: str,
    actor: User,
    file=None,
    component_code: str = "",
    source: str = Source.UPLOADED,
    personal_document_id: int | None = None,
    for_item: str = "",
) -> DocumentRecord:
    """Attach a file (checked by content) to a dossier: by an officer handling it until it is closed, by its
    applicant while it asks for documents (see `workflow.upload_refusal`). The file counts as signed only when
    its signature verifies (`documents.signatures`).

    Reuse (`source` reused with `personal_document_id`): a copy of one of the actor's own stored documents, for
    a component that accepts reuse of its kind (`_reused`). An applicant reuses only that way.

    The applicant's own file (source `uploaded`) that is a photo (JPEG, PNG, or HEIC) is kept as a one-page A4
    PDF, checked again as such: officers receive PDFs. `for_item` names the item of the completion guidance or
    supplement request the file answers (one of the dossier's `missing_items`); the event records it."""
    dossier = _lock(code)
    if source not in Source.values:
        raise ValidationFailed(
            "Nguồn giấy tờ không hợp lệ.",
            "Unknown document source.",
            code="invalid_source",
            details={"source": [str(source)]},
        )
    refusal = workflow.upload_refusal(dossier, actor, source)
    if refusal is not None:
        raise refusal
    limit = settings.MOTCUA_MAX_DOCUMENTS_PER_DOSSIER
    # The result is always attached, whatever the applicant uploaded before.
    if (
        source != Source.ISSUED_RESULT
        and DocumentRecord.objects.filter(dossier_id=dossier.pk).count() >= limit
    ):
        raise ActionNotAllowed(
            f"Hồ sơ đã có đủ {limit} giấy tờ, số tối đa được phép.",
            f"The dossier already holds {limit} documents, the most allowed.",
            code="too_many_documents",
            details={"max_documents": limit},
        )
    component_code = (component_code or "").strip()
    if component_code and (
        dossier.procedure_version_id is None
        or not dossier.procedure_version.documents.filter(code=component_code).exists()
    ):
        raise ValidationFailed(
            "Thành phần hồ sơ không thuộc thủ tục này.",
            "This component is not part of the procedure.",
            code="invalid_component",
            details={"component_code": [component_code]},
        )
    for_item = nfc(for_item or "")
    if for_item and for_item not in (dossier.missing_items or []):
        raise ValidationFailed(
            "Hồ sơ không được yêu cầu bổ sung giấy tờ này; hãy tải lại trang.",
            "This item is not asked of the dossier; reload the page.",
            code="invalid_item",
            details={"for_item": [for_item]},
        )
    stored = _reused(
        dossier, actor=actor, source=source, component_code=component_code, id=personal_document_id
    )
    if stored is not None:
        file = store.opened(stored)
    elif file is None:
        raise ValidationFailed(
            "Chọn tệp để tải lên.",
            "Choose a file to upload.",
            code="required",
            details={"file": ["required"]},
        )
    try:
        file = phone_photo_as_jpeg(file)  # a HEIC photo from a phone is kept as JPEG
        checked = check_upload(file=file)
        if source == Source.UPLOADED:
            photo = file
            file = photo_as_pdf_page(photo, content_type=checked.content_type)
            if file is not photo:
                checked = check_upload(file=file)
        now = clock.now()
        record = document_record_create(
            dossier_id=dossier.pk,
            file=file,
            checked=checked,
            component_code=component_code,
            source=source,
            uploaded_by_id=actor.pk,
            at=now,
            # A citizen's own paper from the store is not a digitized copy; an issued result, or a copy an
            # officer checked, is.
            digitized=None if stored is None else _counts_as_digitized(dossier, actor, stored),
            personal_document_id=stored.pk if stored is not None else None,
        )
    finally:
        if stored is not None:
            file.close()
    append_event(
        dossier=dossier,
        kind=EventKind.DOCUMENT_ADDED,
        actor=actor,
        agency_id=None,
        at=now,
        from_status=dossier.status,
        to_status=dossier.status,
        payload={
            "document": record.pk,
            "component": component_code,
            "source": source,
            "sha256": checked.sha256,
            **({"personal_document": stored.pk} if stored is not None else {}),
            **({"item": for_item} if for_item else {}),
        },
    )
    return record


def _reused(
    dossier, *, actor: User, source: str, component_code: str, id: int | None
) -> PersonalDocument | None:
    """The stored document to copy, when the actor reuses one: their own, still in the store, of a kind the
    component accepts. An applicant naming `reused` without one is refused; an officer may still attach a
    copy they checked as a file (the rule before the store existed)."""
    if id is None:
        if source == Source.REUSED and not workflow.handles(dossier, actor):
            raise ValidationFailed(
                "Chọn giấy tờ trong kho dữ liệu cá nhân để dùng lại (personal_document).",
                "Choose the document of your personal document store to reuse (personal_document).",
                code="personal_document_required",
                details={"personal_document": ["required"]},
            )
        return None
    if source != Source.REUSED:
        raise ValidationFailed(
            "Giấy tờ trong kho dữ liệu cá nhân chỉ được đính kèm với nguồn `reused`.",
            "A stored document is attached with source `reused` only.",
            code="invalid_source",
            details={"source": [str(source)]},
        )
    try:
        stored = store.personal_document_of(owner=actor, document_id=id)
    except ApplicationError as exc:  # a body field: invalid input, whoever's document it may be
        raise ValidationFailed(exc.message_vi, exc.message_en, code=exc.code, details=exc.details) from None
    component = (
        dossier.procedure_version.documents.filter(code=component_code).first() if component_code else None
    )
    kind = component.reusable_kind if component is not None else ""
    if not store.may_reuse(document=stored, kind=kind):
        raise ValidationFailed(
            "Thành phần hồ sơ này không nhận giấy tờ loại này từ kho dữ liệu cá nhân; hãy tải tệp lên.",
            "This component does not accept this kind of document from the store; upload the file instead.",
            code="reuse_not_allowed",
            details={"personal_document": [str(id)], "component_code": [component_code]},
        )
    return stored


def _counts_as_digitized(dossier, actor: User, stored: PersonalDocument) -> bool:
    return stored.stored_from == StoredFrom.ISSUED_RESULT or workflow.handles(dossier, actor)
