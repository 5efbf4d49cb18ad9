"""Reports for leaders and inspectors: the periodic report table, as JSON, XLSX or CSV."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
from motcua.indicators.exports import progress_csv, progress_xlsx
from motcua.indicators.selectors import progress_report, reportable_agencies
from motcua.organization.selectors import agency_by_code

from .period_params import PERIOD_PARAMETERS, invalid_parameter, no_such_agency, period_from
from .report_serializers import ProgressReportSerializer
from .schema import ERROR

FORMATS = ("json", "xlsx", "csv")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _agencies(request) -> list[int] | None:
    allowed = reportable_agencies(request.user)
    code = request.query_params.get("agency", "").strip()
    if not code:
        return allowed
    agency = agency_by_code(code)
    if agency is None or (allowed is not None and agency.pk not in allowed):
        raise no_such_agency(code)
    return [agency.pk]


class JsonThenFiles(BaseContentNegotiation):
    """Answers and errors are JSON; the view itself writes the XLSX or CSV that `format` asks for (so a bad
    period answers the JSON error whatever format was asked for)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ProgressReportView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    content_negotiation_class = JsonThenFiles

    @extend_schema(
        operation_id="reports_progress",
        summary=_("Bảng báo cáo định kỳ: tiếp nhận, đã giải quyết, đang giải quyết, theo cơ quan"),
        description=(
            _(
                "Theo cơ quan quyết định hồ sơ (cơ quan có thẩm quyền), cho một kỳ tính theo ngày "
                "Asia/Ho_Chi_Minh: kỳ trước chuyển qua, tiếp nhận (trực tuyến, trực tiếp, bưu chính), đã giải "
                "quyết (trước hạn, đúng hạn, quá hạn), đang giải quyết khi kết thúc kỳ (trong hạn, quá hạn, tạm "
                "dừng: chỉ khi kỳ đang diễn ra), rút, dừng, từ chối. Thanh tra và quản trị viên thấy mọi cơ quan "
                "có số liệu trong kỳ (hồ sơ hoặc phản ánh, kiến nghị); cán bộ và lãnh đạo thấy các cơ quan của "
                "mình, mỗi cơ quan đều có dòng kể cả khi không có số liệu (số 0)."
            )
        ),
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("agency", OpenApiTypes.STR, description=_("Mã một cơ quan")),
            OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS), description=_("Mặc định: json")),
        ],
        responses={
            (200, "application/json"): ProgressReportSerializer,
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="Spreadsheet for printing"),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8"),
            400: ERROR,
            401: ERROR,
            403: ERROR,
        },
        tags=["reports"],
    )
    def get(self, request):
        params = request.query_params
        export = params.get("format", "json")
        if export not in FORMATS:
            raise invalid_parameter(
                "format", export, "format là json, xlsx hoặc csv.", "format is json, xlsx or csv."
            )
        period = period_from(params)
        # An agency's own staff (or anyone naming an agency) find its row even when nothing was counted.
        agency_ids = _agencies(request)
        rows, total = progress_report(period=period, agency_ids=agency_ids, listed=agency_ids or ())
        name = f"bao-cao-tien-do-{period.first:%Y%m%d}-{period.last:%Y%m%d}"
        if export == "xlsx":
            return _download(progress_xlsx(period=period, rows=rows, total=total), XLSX, f"{name}.xlsx")
        if export == "csv":
            return _download(progress_csv(rows=rows, total=total), "text/csv; charset=utf-8", f"{name}.csv")
        report = {"period": period, "as_of": total.open_as_of or clock.now(), "results": rows, "total": total}
        return Response(ProgressReportSerializer(report).data)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
