"""A dossier's files, read back only by those who may see the dossier.

`GET dossiers/{code}/documents/{id}/file/` checks the caller's scope with the dossier detail's own selector
(another citizen or an unrelated agency: 404), then streams the file, or, with MOTCUA_FILES_X_ACCEL_REDIRECT
set, hands it to nginx with an empty body and `X-Accel-Redirect`. The file is always an attachment under its
cleaned original name, never cached and never sniffed as another type.
"""

from __future__ import annotations

import logging

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from motcua.documents import downloads
from motcua.documents.errors import DocumentNotFound
from motcua.dossiers import selectors

from .schema import ERROR

logger = logging.getLogger("motcua.documents")

FILE_TYPES = ("application/pdf", "image/jpeg", "image/png")


class _ErrorsAsJson(BaseContentNegotiation):
    """The file answers in its own type whatever `Accept` says; an error answers in the API's JSON shape."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _headers(response: HttpResponse, record) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=downloads.download_name(record)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DossierDocumentFileView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    content_negotiation_class = _ErrorsAsJson

    @extend_schema(
        operation_id="dossiers_document_file",
        summary="Download a document's file",
        description="The file of one document of the dossier, as an attachment under its original name "
        "(`Content-Disposition` with the RFC 5987 form for Vietnamese names), in the type recorded at upload. "
        "A dossier outside the caller's scope, or a document of another dossier, answers 404.",
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file")
            for media_type in FILE_TYPES
        }
        | {404: ERROR},
    )
    def get(self, request, code: str, document_id: int):
        dossier = selectors.dossier_for(user=request.user, code=code)
        record = downloads.document_in(dossier_id=dossier.pk, document_id=document_id)
        internal = downloads.accel_redirect_path(record)
        if internal is not None:
            response = HttpResponse(b"", content_type=record.content_type)
            response["X-Accel-Redirect"] = internal
            return _headers(response, record)
        try:
            handle = record.file.storage.open(record.file.name, "rb")
        except OSError:
            logger.error("document %s has no file at %s", record.pk, record.file.name)
            raise DocumentNotFound(
                "Tệp của giấy tờ này không còn trên máy chủ.",
                "The file of this document is missing on the server.",
                code="document_file_missing",
                details={"document": record.pk},
            ) from None
        return _headers(FileResponse(handle, content_type=record.content_type), record)
