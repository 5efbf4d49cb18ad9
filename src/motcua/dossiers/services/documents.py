"""Documents attached to a dossier, checked by content."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, PermissionDenied, ValidationFailed
from motcua.documents.models import DocumentRecord, Source
from motcua.documents.services import check_upload, document_record_create, files_removed_on_error

from .. import workflow
from ..models import TERMINAL_STATUSES, Dossier, EventKind
from .common import _lock
from .events import append_event


def _may_upload(dossier: Dossier, actor: User, source: str) -> bool:
    grants = workflow.grants_of(actor)
    handling = {dossier.receiving_agency_id, dossier.current_agency_id, dossier.competent_agency_id}
    officer = any(
        grants.has(role, agency)
        for agency in handling
        for role in (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER)
    )
    if source in (Source.DIGITIZED, Source.ISSUED_RESULT):
        return officer
    return officer or (dossier.applicant_id is not None and dossier.applicant_id == actor.pk)


@files_removed_on_error()  # around the transaction: a rollback takes the written file with the record
@transaction.atomic
def dossier_add_document(
    *,
    code: str,
    actor: User,
    file,
    component_code: str = "",
    source: str = Source.UPLOADED,
    signed: bool = False,
) -> DocumentRecord:
    """Attach a file (checked by content) to a dossier that is not closed."""
    dossier = _lock(code)
    if source not in Source.values:
        raise ValidationFailed(
            "Nguồn giấy tờ không hợp lệ.",
            "Unknown document source.",
            code="invalid_source",
            details={"source": [str(source)]},
        )
    if not actor.is_authenticated or not _may_upload(dossier, actor, source):
        raise PermissionDenied()
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
    if dossier.status in TERMINAL_STATUSES:
        raise ActionNotAllowed(
            "Hồ sơ đã kết thúc; không thể thêm giấy tờ.",
            "The dossier is closed; no documents can be added.",
            code="dossier_closed",
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
        signed=signed,
    )
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
        },
    )
    return record
