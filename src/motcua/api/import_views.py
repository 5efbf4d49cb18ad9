"""POST /api/v1/dossiers/import/: the historical import, one batch per request (administrators)."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.dossiers.imports import ensure_may_import, import_dossiers

from . import serializer_reuse
from .import_serializers import ImportBodySerializer, ImportRequestSerializer, ImportResultSerializer
from .schema import ErrorSerializer

REJECTED = OpenApiResponse(
    ErrorSerializer,
    description=(
        "The body is not valid, or some dossiers are not (code `import_invalid`): nothing is written; "
        "`details.errors` lists each error as {line, field, code, message}"
    ),
    examples=[
        OpenApiExample(
            "Per-line errors",
            value={
                "code": "import_invalid",
                "message": "The import has 1 error(s); no dossier of the batch was written. ...",
                "details": {
                    "errors": [
                        {
                            "line": 2,
                            "field": "events[3].kind",
                            "code": "not_allowed_in_state",
                            "message": "A returned event cannot happen while the dossier is in_progress.",
                        }
                    ]
                },
            },
            status_codes=["400"],
        )
    ],
)


class DossierImportView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        operation_id="dossiers_import",
        summary="Import dossiers with their full timelines from a legacy system (administrators)",
        description=(
            "All or nothing: every dossier is checked (procedure and agencies, codes not taken, personal ID "
            "and phone, moments in order, each event a move the life cycle allows) and only a body without "
            'any error is written. Imported events carry `"imported": true` in their payload; no '
            "notification is sent. See docs/import.md."
        ),
        request=ImportRequestSerializer,
        responses={200: ImportResultSerializer, 400: REJECTED},
        tags=["dossiers"],
    )
    def post(self, request):
        ensure_may_import(request.user)  # before the body is read: a refused caller learns nothing of it
        data = serializer_reuse.validated(ImportBodySerializer, request.data)
        rows = list(enumerate(data["dossiers"], start=1))
        result = import_dossiers(rows=rows, actor=request.user, dry_run=data["dry_run"])
        return Response(asdict(result))
