"""Official forms as PDF (motcua.documents.official_forms): `GET dossiers/{code}/forms/{form}.pdf`, a dossier's
forms, and `GET agencies/{code}/tracking-book.pdf?from=&to=`, an agency's tracking book.

The answer is the PDF whatever the client accepts (`Accept: application/pdf` included: no 406); errors stay in
the API's JSON error shape.
"""

from __future__ import annotations

from datetime import date

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, renderers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from motcua.core.errors import NotFound, ValidationFailed
from motcua.documents.official_forms import tracking_book
from motcua.documents.official_forms.kinds import FORMS
from motcua.documents.official_forms.render import render_form
from motcua.dossiers import selectors
from motcua.organization.selectors import agency_by_code

from .schema import ERROR, MotcuaAutoSchema

PDF = "application/pdf"


class PDFRenderer(renderers.BaseRenderer):
    """The success answer's media type; the view answers the PDF bytes itself."""

    media_type = PDF
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class PDFOnly(BaseContentNegotiation):
    """The answer is the PDF whatever `Accept` (or `?format=`) says: never 406; errors switch to JSON (see
    `DossierFormView.handle_exception`)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PDFAnswerSchema(MotcuaAutoSchema):
    """The success answer is a PDF; every error answer is the JSON `Error`."""

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        if str(status_code) >= "400":
            media_types = ["application/json"]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)


class PDFAnswerView(APIView):
    """A GET that answers a PDF, and its errors in the API's JSON error shape."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [PDFRenderer]
    content_negotiation_class = PDFOnly
    schema = PDFAnswerSchema()

    def handle_exception(self, exc):
        """Errors are answered in JSON even to a client that asked for the PDF only."""
        response = super().handle_exception(exc)
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = renderers.JSONRenderer.media_type
        return response


class DossierFormView(PDFAnswerView):
    @extend_schema(
        operation_id="dossiers_form",
        summary=_("Một biểu mẫu của hồ sơ, dạng PDF"),
        description=_(
            "Các biểu mẫu theo Thông tư 03/2025/TT-VPCP, lập từ dữ liệu và các sự kiện của hồ sơ, bằng tiếng "
            "Việt dù `Accept-Language` là gì: `receipt`: Mẫu số 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả; "
            "`completion`: Mẫu số 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; `refusal`: Mẫu số 03, Phiếu từ "
            "chối tiếp nhận giải quyết hồ sơ; `apology`: Mẫu số 04, Văn bản xin lỗi và hẹn lại ngày trả kết "
            "quả; `stop`: Mẫu số 05, Thông báo dừng giải quyết hồ sơ; `control`: Mẫu số 06, Phiếu kiểm soát "
            "quá trình giải quyết hồ sơ. Phạm vi như chi tiết hồ sơ (ngoài phạm vi của người gọi: 404). Biểu "
            "mẫu mà hồ sơ chưa tới (phiếu từ chối của hồ sơ đã tiếp nhận) trả về 409 `form_not_available`. "
            "Giấy tiếp nhận chỉ in mã tra cứu cho người nộp và cán bộ cơ quan tiếp nhận."
        ),
        parameters=[
            OpenApiParameter("form", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMS)),
        ],
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=_("Tệp PDF (A4), với `Content-Disposition: inline; filename=<code>-<form>.pdf`"),
            ),
            404: OpenApiResponse(
                ERROR.response,
                description=_(
                    "Không có hồ sơ này trong phạm vi của người gọi (`dossier_not_found`), hoặc không có biểu mẫu này"
                ),
            ),
            409: OpenApiResponse(ERROR.response, description=_("`form_not_available`: chưa được ban hành")),
        },
    )
    def get(self, request, code: str, form: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        rendered = render_form(dossier=dossier, form_key=form, user=request.user)
        return rendered.http_response()


def _date_parameter(request, name: str) -> date:
    raw = request.query_params.get(name, "")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed(
            "Nhập ngày theo dạng YYYY-MM-DD.",
            "Give the date as YYYY-MM-DD.",
            details={name: ["invalid_date"]},
        ) from None


class AgencyTrackingBookView(PDFAnswerView):
    @extend_schema(
        operation_id="agencies_tracking_book",
        summary=_("Sổ theo dõi hồ sơ của cơ quan trong một khoảng ngày, dạng PDF"),
        description=format_lazy(
            _(
                "Mẫu số {number}, Sổ theo dõi hồ sơ: mỗi dòng một hồ sơ cơ quan đã tiếp nhận hoặc có thẩm "
                "quyền giải quyết, tiếp nhận từ ngày `from` đến ngày `to` (ngày theo giờ Việt Nam, kể cả hai "
                "ngày đó), theo thứ tự tiếp nhận: mã, người nộp, thủ tục, cơ quan có thẩm quyền, tiếp nhận, "
                "hẹn trả, chuyển xử lý, kết quả, trả kết quả, ghi chú. Khổ A4 ngang, bằng tiếng Việt. Cho cán "
                "bộ của cơ quan, thanh tra và quản trị viên (người khác: 403). Tối đa {max_days} ngày (400 "
                "`range_too_long`) và {max_rows} hồ sơ (400 `tracking_book_too_large`: chọn khoảng ngắn hơn)."
            ),
            number=tracking_book.NUMBER,
            max_days=tracking_book.MAX_DAYS,
            max_rows=tracking_book.MAX_ROWS,
        ),
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, OpenApiParameter.QUERY, required=True),
            OpenApiParameter("to", OpenApiTypes.DATE, OpenApiParameter.QUERY, required=True),
        ],
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=_(
                    "Tệp PDF, với `Content-Disposition: inline; filename=<agency>-so-theo-doi-<dates>.pdf`"
                ),
            ),
            400: OpenApiResponse(
                ERROR.response,
                description=_(
                    "Thiếu ngày hoặc ngày không theo dạng YYYY-MM-DD, `to` trước `from`, khoảng ngày quá dài, hoặc "
                    "quá nhiều hồ sơ trong khoảng"
                ),
            ),
            403: OpenApiResponse(
                ERROR.response, description=_("Không phải cán bộ của cơ quan, thanh tra hoặc quản trị viên")
            ),
            404: OpenApiResponse(ERROR.response, description=_("Không có cơ quan này (`agency_not_found`)")),
        },
    )
    def get(self, request, code: str):
        agency = agency_by_code(code)
        if agency is None:
            raise NotFound("Không tìm thấy cơ quan.", "No such agency.", code="agency_not_found")
        rendered = tracking_book.render_tracking_book(
            agency=agency,
            first=_date_parameter(request, "from"),
            last=_date_parameter(request, "to"),
            user=request.user,
        )
        return rendered.http_response()
