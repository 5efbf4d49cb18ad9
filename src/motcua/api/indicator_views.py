"""The service index and ranking of agencies: public (no personal data in it)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
from motcua.core.recent import recently_computed
from motcua.indicators.dashboard import LEVELS, agency_ids_at_level
from motcua.indicators.selectors import progress_report
from motcua.indicators.service_index import ranked

from .indicator_serializers import ServiceIndexSerializer, index_answer
from .period_params import PERIOD_PARAMETERS, invalid_parameter, period_from
from .schema import ERROR


class ServiceIndexView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="indicators_service_index",
        summary=_("Chỉ số phục vụ và xếp hạng các cơ quan trong một kỳ"),
        description=(
            _(
                "Các nhóm chỉ số theo Quyết định 766/QĐ-TTg (công khai, minh bạch 18, tiến độ giải quyết 20, số "
                "hóa hồ sơ 22, dịch vụ trực tuyến 12, thanh toán trực tuyến 10, mức độ hài lòng 18 điểm); điểm, "
                "mức mục tiêu và xếp loại là dữ liệu. Tiêu chí chưa đo có điểm null và không tính vào "
                "`measured_points`; xếp hạng và xếp loại theo `percent`. Mỗi tiêu chí kèm tử số và mẫu số. Kết "
                "quả cho một kỳ và cấp được tính cách đây tối đa MOTCUA_INDEX_SECONDS (60) giây và dùng chung "
                "cho mọi người gọi."
            )
        ),
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("level", OpenApiTypes.STR, enum=list(LEVELS), description=_("Mặc định: tất cả")),
        ],
        responses={200: ServiceIndexSerializer, 400: ERROR},
        tags=["indicators"],
    )
    def get(self, request):
        level = request.query_params.get("level", "all")
        if level not in LEVELS:
            raise invalid_parameter(
                "level",
                level,
                "level là all, department, commune hoặc provider.",
                "level is all, department, commune or provider.",
            )
        period = period_from(request.query_params)

        def compute() -> dict:
            rows, total = progress_report(period=period, agency_ids=agency_ids_at_level(level))
            return index_answer(period=period, as_of=total.open_as_of or clock.now(), ranked=ranked(rows))

        # Public and asked for often: built once per interval for every caller (the names in their language).
        _built_at, answer = recently_computed(
            key=f"motcua:indicators:index:{period.first}:{period.last}:{level}:{get_language()}",
            seconds=settings.MOTCUA_INDEX_SECONDS,
            compute=compute,
        )
        return Response(answer)
