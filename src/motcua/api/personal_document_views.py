"""The signed-in person's document store: list, upload, detail, file, removal. Only one's own documents: any
other id answers 404, as one that does not exist."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.policy import ensure_not_inspector
from motcua.documents import downloads, store
from motcua.documents.errors import PersonalDocumentNotFound

from . import serializer_reuse
from .document_views import FILE_TYPES, ErrorsAsJson, file_answer
from .fields import StringField
from .pagination import CheckedPageNumberPagination
from .parsers import FormParser, MultiPartParser
from .schema import ERROR


class PersonalDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = StringField()
    kind = StringField(
        help_text=_("Loại giấy tờ dùng lại (như `reusable_kind` của thành phần hồ sơ), hoặc rỗng.")
    )
    original_name = StringField()
    content_type = StringField()
    size = serializers.IntegerField()
    signed = serializers.BooleanField(help_text=_("Chỉ đúng khi chữ ký số trong tệp PDF được xác minh."))
    issuer = StringField()
    issued_on = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    source_dossier_code = StringField()
    stored_from = serializers.ChoiceField(choices=["issued_result", "uploaded", "dossier"])
    created_at = serializers.DateTimeField()
    deletable = serializers.BooleanField(help_text=_("Kết quả giải quyết được cấp không xóa được."))
    file_url = serializers.SerializerMethodField()

    def get_file_url(self, obj) -> str:
        return reverse("api:personal-document-file", kwargs={"document_id": obj.pk})


class PersonalDocumentInput(serializers.Serializer):
    file = serializers.FileField(
        help_text=_("PDF, JPEG, PNG hoặc ảnh HEIC từ điện thoại (chuyển sang JPEG).")
    )
    title = StringField(max_length=store.TITLE_MAX)
    kind = StringField(required=False, allow_blank=True, max_length=60, default="")
    issuer = StringField(required=False, allow_blank=True, max_length=store.ISSUER_MAX, default="")
    issued_on = serializers.DateField(required=False, default=None)
    valid_until = serializers.DateField(required=False, default=None)


class PersonalDocumentListView(generics.ListAPIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PersonalDocumentSerializer
    pagination_class = CheckedPageNumberPagination
    filter_backends: list = []
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return store.personal_documents_of(owner=self.request.user)

    @extend_schema(
        operation_id="personal_documents_list",
        summary=_("Kho dữ liệu cá nhân của tôi"),
        description=_(
            "Các giấy tờ trong kho của người gọi (kết quả giải quyết đã cấp và giấy tờ tự tải lên), mới nhất "
            "trước."
        ),
        tags=["personal-documents"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="personal_documents_upload",
        summary=_("Thêm giấy tờ vào kho của tôi"),
        description=_(
            "Một giấy tờ dùng lại được kèm thông tin mô tả, kiểm tra nội dung như giấy tờ tải lên hồ sơ."
        ),
        request={"multipart/form-data": PersonalDocumentInput},
        responses={201: PersonalDocumentSerializer},
        tags=["personal-documents"],
    )
    def post(self, request):
        ensure_not_inspector(request.user)  # the read-only role is refused before its input is read
        data = serializer_reuse.validated(PersonalDocumentInput, request.data)
        document = store.personal_document_upload(
            owner=request.user,
            file=data["file"],
            metadata=store.Metadata(
                title=data["title"],
                kind=data["kind"],
                issuer=data["issuer"],
                issued_on=data["issued_on"],
                valid_until=data["valid_until"],
            ),
        )
        return Response(PersonalDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class PersonalDocumentDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        operation_id="personal_documents_detail",
        summary=_("Một giấy tờ trong kho của tôi"),
        responses={200: PersonalDocumentSerializer},
        tags=["personal-documents"],
    )
    def get(self, request, document_id: int):
        document = store.personal_document_of(owner=request.user, document_id=document_id)
        return Response(PersonalDocumentSerializer(document).data)

    @extend_schema(
        operation_id="personal_documents_remove",
        summary=_("Xóa một giấy tờ tôi đã tải lên khỏi kho"),
        description=_(
            "Hồ sơ đã dùng lại giấy tờ vẫn giữ bản sao của mình. Kết quả giải quyết đã cấp không xóa được "
            "(409)."
        ),
        request=None,
        responses={204: None, 409: ERROR},
        tags=["personal-documents"],
    )
    def delete(self, request, document_id: int):
        store.personal_document_remove(owner=request.user, document_id=document_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonalDocumentFileView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    content_negotiation_class = ErrorsAsJson

    @extend_schema(
        operation_id="personal_documents_file",
        summary=_("Tải một giấy tờ trong kho của tôi"),
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=_("Tệp của giấy tờ"))
            for media_type in FILE_TYPES
        },
        tags=["personal-documents"],
    )
    def get(self, request, document_id: int):
        document = store.personal_document_of(owner=request.user, document_id=document_id)
        return file_answer(
            storage=document.file.storage,
            stored_name=document.file.name,
            content_type=document.content_type,
            filename=downloads.download_name(document),
            cache="private, no-store",
            missing=PersonalDocumentNotFound(
                "Tệp của giấy tờ này không còn trên máy chủ.",
                "The file of this document is missing on the server.",
                code="document_file_missing",
                details={"personal_document": document.pk},
            ),
        )
