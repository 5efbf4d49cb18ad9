"""The service index and ranking of agencies: public (no personal data in it)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
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
        summary="Service index and ranking of agencies for a period",
        description=(
            "Decision 766/QĐ-TTg groups (transparency 18, progress 20, digitization 22, online services 12, "
            "online payment 10, satisfaction 18 points); weights, targets and bands are data. Items not measured "
            "yet score null and are left out of `measured_points`; ranks and bands judge `percent`. Each item "
            "gives the numerator and denominator behind it. The answer for a period and level is built at most "
            "MOTCUA_INDEX_SECONDS (60) seconds ago and shared by every caller."
        ),
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("level", OpenApiTypes.STR, enum=list(LEVELS), description="Default all"),
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
