"""The service index and ranking of agencies: public (no personal data in it)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
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
            "gives the numerator and denominator behind it."
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
        rows, total = progress_report(period=period, agency_ids=agency_ids_at_level(level))
        answer = index_answer(period=period, as_of=total.open_as_of or clock.now(), ranked=ranked(rows))
        return Response(answer)
