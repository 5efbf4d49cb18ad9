"""The officers' scorecard: the same cards, with the same scope, as the workspace page `/workspace/chi-so/can-bo/`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.views import APIView

from motcua.core.errors import PermissionDenied
from motcua.indicators.scorecard import officers_visible_to, scorecards_for
from motcua.organization.selectors import agency_by_code

from .pagination import CheckedPageNumberPagination
from .period_params import PERIOD_PARAMETERS, no_such_agency, period_from
from .scorecard_serializers import ScorecardSerializer


class OfficerScorecardView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = CheckedPageNumberPagination

    @extend_schema(
        operation_id="indicators_officer_scorecards",
        summary=_("Phiếu kết quả của cán bộ trong một kỳ"),
        description=(
            _(
                "Theo từng cán bộ, xếp theo tên: các bước hoàn thành trong kỳ (đúng hạn hoặc quá hạn so với thời "
                "hạn riêng của mỗi bước), yêu cầu bổ sung đã gửi và đánh giá của các hồ sơ cán bộ đã xử lý. Cán "
                "bộ (tiếp nhận, chuyên viên, lãnh đạo) thấy phiếu của mình; lãnh đạo thấy thêm phiếu của mọi cán "
                "bộ các cơ quan mình lãnh đạo; người khác (kể cả thanh tra và quản trị viên) nhận 403, như trên "
                "trang làm việc. `agency` thu hẹp về những gì người gọi thấy tại một cơ quan của mình."
            )
        ),
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("agency", OpenApiTypes.STR, description=_("Một cơ quan của người gọi, theo mã")),
        ],
        responses=ScorecardSerializer(many=True),
        tags=["indicators"],
    )
    def get(self, request):
        officers = officers_visible_to(request.user)
        if not officers:
            raise PermissionDenied()
        code = request.query_params.get("agency", "").strip()
        agency = None
        if code:
            agency = agency_by_code(code)
            # One of the caller's agencies only; any other answers as if it did not exist.
            officers = officers_visible_to(request.user, agency_id=agency.pk) if agency else []
            if not officers:
                raise no_such_agency(code)
        period = period_from(request.query_params)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(officers, request, view=self)
        # The page's reader: another officer's work only at the agencies the caller leads.
        cards = scorecards_for(
            user=request.user, officers=page, period=period, agency_id=agency.pk if agency else None
        )
        return paginator.get_paginated_response(ScorecardSerializer(cards, many=True).data)
