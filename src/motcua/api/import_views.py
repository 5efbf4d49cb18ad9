"""POST /api/v1/dossiers/import/: the historical import, one batch per request (administrators)."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.translation import gettext_lazy as _
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
        _(
            "Nội dung yêu cầu không hợp lệ, hoặc có hồ sơ không hợp lệ (mã `import_invalid`): không ghi gì; "
            "`details.errors` liệt kê từng lỗi dạng {line, field, code, message}"
        )
    ),
    examples=[
        OpenApiExample(
            "Per-line errors",
            summary=_("Lỗi theo từng dòng"),
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
        summary=_("Nhập hồ sơ cùng toàn bộ quá trình giải quyết từ hệ thống cũ (quản trị viên)"),
        description=(
            _(
                "Tất cả hoặc không gì cả: mọi hồ sơ đều được kiểm tra (thủ tục và cơ quan, mã chưa dùng, số định "
                "danh cá nhân và số điện thoại, các thời điểm theo thứ tự, mỗi sự kiện là một bước chuyển vòng "
                'đời hồ sơ cho phép) và chỉ ghi khi không có lỗi nào. Sự kiện được nhập mang `"imported": true` '
                "trong payload; không gửi thông báo. Xem docs/import.md."
            )
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
