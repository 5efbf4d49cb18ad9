"""The result document: generated (or taken from an uploaded PDF), signed with the competent agency's certificate
and attached to the dossier as its issued result, by a leader who may resolve the dossier now."""

from __future__ import annotations

from django.core.files.base import ContentFile, File
from django.db import transaction

from motcua.accounts.models import User
from motcua.core import clock
from motcua.documents.errors import SignatureNotTrusted, UploadRejected
from motcua.documents.models import DocumentRecord, Source
from motcua.documents.result_document import ResultContent, render_result_pdf
from motcua.documents.services import check_upload, files_removed_on_error
from motcua.documents.signing import sign_pdf

from .. import workflow
from ..errors import DossierNotFound
from ..models import Dossier
from ..workflow import Action
from .common import _lock
from .documents import dossier_add_document


def _result_pdf(dossier: Dossier, *, actor: User) -> bytes:
    version = dossier.procedure_version
    return render_result_pdf(
        ResultContent(
            code=dossier.code,
            applicant_name=dossier.applicant_name,
            procedure_code=version.procedure.code if version else "",
            procedure_name=version.name if version else "",
            agency=dossier.competent_agency,
            signer=actor.display_name,
            issued_at=clock.now(),
        )
    )


def _uploaded_pdf(file: File) -> bytes:
    checked = check_upload(file=file)
    if checked.content_type != "application/pdf":
        raise UploadRejected(
            "Văn bản kết quả phải là tệp PDF.",
            "The result document must be a PDF file.",
            code="result_not_pdf",
            details={"file": ["application/pdf"]},
        )
    file.seek(0)
    return file.read()


def dossier_issue_result(*, code: str, actor: User, file: File | None = None) -> DocumentRecord:
    """Sign the result (the uploaded PDF, else one generated from the procedure's template) with the competent
    agency's certificate and attach it as the dossier's issued result. Only who may resolve the dossier now
    (a leader of the competent agency, the last step done): 403 for another role, 409 in another state. The
    record counts as signed because its signature verifies; a signature that does not (the agency's certificate
    is not from a trusted root) attaches nothing: 409 `signature_not_trusted`."""
    dossier = (
        Dossier.objects.select_related("competent_agency__parent", "procedure_version__procedure")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise DossierNotFound(details={"code": code})
    workflow.ensure_allowed(dossier, Action.RESOLVE, actor)
    agency = dossier.competent_agency
    # Rendering and signing take a moment: done before the transaction, which then checks the state again.
    pdf = _uploaded_pdf(file) if file is not None else _result_pdf(dossier, actor=actor)
    signed = sign_pdf(pdf=pdf, agency_code=agency.code, signer_name=agency.name)
    name = f"{dossier.code}-ket-qua.pdf"
    with files_removed_on_error(), transaction.atomic():
        workflow.ensure_allowed(_lock(code), Action.RESOLVE, actor)
        record = dossier_add_document(
            code=code, actor=actor, file=ContentFile(signed, name=name), source=Source.ISSUED_RESULT
        )
        if not record.signed:
            raise SignatureNotTrusted(details={"agency": agency.code})
    return record
