"""Public catalog API: list with search and filters, and one procedure's detail. No sign-in needed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from motcua.catalog.selectors import procedure_public, procedures_search
from motcua.core.errors import ValidationFailed
from motcua.organization.selectors import agency_by_code

from .catalog_serializers import CatalogQuerySerializer, ProcedureDetailSerializer, ProcedureListSerializer
from .pagination import CheckedPageNumberPagination
from .schema import ERROR


class CatalogPagination(CheckedPageNumberPagination):
    """Pages of procedures."""


class ProcedureListView(generics.ListAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = ProcedureListSerializer
    filter_backends: list = []
    pagination_class = CheckedPageNumberPagination

    @extend_schema(
        parameters=[CatalogQuerySerializer],
        responses={200: ProcedureListSerializer(many=True), 400: ERROR},
        summary=_("Tìm kiếm, xem danh mục thủ tục đang có hiệu lực"),
        description=(
            _(
                "`q` không phân biệt dấu tiếng Việt và chữ hoa, chữ thường; thủ tục khớp theo tên được xếp "
                "trước. `online`: full (toàn trình), partial (một phần), none (không), hoặc yes (có trực tuyến ở "
                "bất kỳ mức nào)."
            )
        ),
        tags=["catalog"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = CatalogQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        agency = None
        if params.get("agency"):
            agency = agency_by_code(params["agency"])
            if agency is None:
                raise ValidationFailed(
                    f"Không có cơ quan mã {params['agency']}.",
                    f"There is no agency with the code {params['agency']}.",
                    details={"agency": params["agency"]},
                )
        return procedures_search(
            query=params.get("q", ""),
            sector=params.get("sector") or None,
            agency=agency,
            level=params.get("level") or None,
            online=params.get("online") or None,
        )


class ProcedureDetailView(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = ProcedureDetailSerializer
    lookup_url_kwarg = "code"

    @extend_schema(
        responses={200: ProcedureDetailSerializer, 404: ERROR},
        summary=_(
            "Một thủ tục đang có hiệu lực: thành phần hồ sơ, phí, lệ phí, thời hạn, các bước, cách thức nộp, "
            "căn cứ pháp lý, nhóm thủ tục"
        ),
        tags=["catalog"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return procedure_public(code=self.kwargs["code"])
