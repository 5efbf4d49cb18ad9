"""`POST dossiers/{code}/result/`: a leader of the competent agency produces the signed result document.

The body is empty (the result is generated from the procedure's template) or a multipart `file` (an unsigned PDF
drafted elsewhere). Either way the agency's certificate signs it and it is attached as `issued_result`, counted
as signed because its signature verifies. Then the leader approves with `actions/resolve/`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.dossiers import selectors, services, workflow

from . import serializer_reuse
from .dossier_serializers import DocumentSerializer
from .parsers import FormParser, JSONParser, MultiPartParser


class ResultInput(serializers.Serializer):
    file = serializers.FileField(
        required=False,
        help_text=_("Tệp PDF kết quả chưa ký (không bắt buộc): để trống để tạo văn bản từ mẫu của thủ tục."),
    )


class DossierResultView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": ResultInput},
        responses={201: DocumentSerializer},
        operation_id="dossiers_result_issue",
        summary=_("Ký số văn bản kết quả bằng chứng thư số của cơ quan có thẩm quyền và đính kèm"),
        description=_(
            "Cho lãnh đạo cơ quan có thẩm quyền khi hồ sơ có thể được giải quyết (403 với vai trò khác, 409 "
            "ở trạng thái khác hoặc khi cơ quan chưa có chứng thư ký số). Không có `file` thì kết quả được "
            "tạo từ mẫu của thủ tục. Kết quả trả về là giấy tờ đã đính kèm (`signed` true)."
        ),
    )
    def post(self, request, code: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        data = serializer_reuse.validated(ResultInput, request.data)
        record = services.dossier_issue_result(code=code, actor=request.user, file=data.get("file"))
        context = {"document_hashes": workflow.handles(dossier, request.user), "dossier_code": dossier.code}
        return Response(DocumentSerializer(record, context=context).data, status=status.HTTP_201_CREATED)
