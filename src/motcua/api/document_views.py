"""A dossier's files, read back only by those who may see the dossier; and the catalog's blank forms.

`GET dossiers/{code}/documents/{id}/file/` checks the caller's scope with the dossier detail's own selector
(another citizen or an unrelated agency: 404), then streams the file, or, with MOTCUA_FILES_X_ACCEL_REDIRECT
set, hands it to nginx with an empty body and `X-Accel-Redirect`. The file is an attachment under its cleaned
original name, never kept by any cache and never sniffed as another type. A required document's blank form
(`GET procedures/{code}/documents/{document_code}/template/`) is public, served the same way (cacheable). Nothing under
MEDIA_ROOT has a public address of its own.
"""

from __future__ import annotations

import logging

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from motcua.documents import downloads
from motcua.documents.errors import DocumentNotFound, TemplateNotFound
from motcua.documents.services import ALLOWED_TYPES
from motcua.dossiers import selectors

from .schema import ERROR

logger = logging.getLogger("motcua.documents")

FILE_TYPES = tuple(ALLOWED_TYPES)


class ErrorsAsJson(BaseContentNegotiation):
    """The file answers in its own type whatever `Accept` says; an error answers in the API's JSON shape."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def file_answer(*, storage, stored_name: str, content_type: str, filename: str, cache: str, missing):
    """The stored file as an attachment named `filename` (RFC 5987 for names beyond ASCII), never sniffed as
    another type: streamed, or an empty answer with `X-Accel-Redirect` for nginx when so configured.
    `missing` is the error raised when the file is gone from storage."""
    internal = downloads.accel_redirect_path(stored_name)
    if internal is not None:
        response = HttpResponse(b"", content_type=content_type)
        response["X-Accel-Redirect"] = internal
    else:
        try:
            handle = storage.open(stored_name, "rb")
        except OSError:
            logger.error("stored file %s is missing", stored_name)
            raise missing from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


class DossierDocumentFileView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    content_negotiation_class = ErrorsAsJson

    @extend_schema(
        operation_id="dossiers_document_file",
        summary=_("Tải tệp của một giấy tờ"),
        description=_(
            "Tệp của một giấy tờ trong hồ sơ, tải về dưới tên gốc (`Content-Disposition` theo dạng RFC 5987 "
            "cho tên tiếng Việt), với kiểu tệp ghi nhận khi tải lên. Hồ sơ ngoài phạm vi của người gọi, hoặc "
            "giấy tờ của hồ sơ khác, trả về 404."
        ),
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp của giấy tờ"))
            for media_type in FILE_TYPES
        }
        | {404: ERROR},
    )
    def get(self, request, code: str, document_id: int):
        dossier = selectors.dossier_for(user=request.user, code=code)
        record = downloads.document_in(dossier_id=dossier.pk, document_id=document_id)
        if selectors.document_withheld(dossier=dossier, user=request.user, source=record.source):
            raise DocumentNotFound(details={"document": document_id})
        return file_answer(
            storage=record.file.storage,
            stored_name=record.file.name,
            content_type=record.content_type,
            filename=downloads.download_name(record),
            cache="private, no-store",
            missing=DocumentNotFound(
                "Tệp của giấy tờ này không còn trên máy chủ.",
                "The file of this document is missing on the server.",
                code="document_file_missing",
                details={"document": record.pk},
            ),
        )


class ProcedureDocumentTemplateView(APIView):
    """The blank form of a required document, for anyone (the catalog is public)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    content_negotiation_class = ErrorsAsJson

    @extend_schema(
        operation_id="procedures_document_template",
        summary=_("Tải mẫu đơn, tờ khai của một thành phần hồ sơ"),
        description=_(
            "Mẫu đơn, tờ khai của thành phần hồ sơ `document_code` trong phiên bản thủ tục đang có hiệu lực, "
            "dạng tệp tải về. 404 khi thủ tục không còn hiệu lực hoặc thành phần đó không có mẫu."
        ),
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("Mẫu đơn, tờ khai")
            ),
            404: ERROR,
        },
    )
    def get(self, request, code: str, document_code: str):
        document = downloads.template_of(procedure_code=code, document_code=document_code)
        return file_answer(
            storage=document.template.storage,
            stored_name=document.template.name,
            content_type=downloads.template_type(document),
            filename=downloads.template_name(document),
            cache="public, max-age=300",
            missing=TemplateNotFound(details={"procedure": code, "document": document_code}),
        )
