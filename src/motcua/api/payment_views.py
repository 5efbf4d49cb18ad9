"""Payment endpoints: the owner starts an online payment; the provider posts its signed answer."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.dossiers import selectors
from motcua.payments import services
from motcua.payments.receipt import render_payment_receipt
from motcua.payments.selectors import succeeded_payment_of

from .form_views import PDF, PDFAnswerView
from .payment_serializers import PaymentCallbackSerializer, PaymentSerializer, PaymentStartedSerializer
from .schema import ERROR


class DossierPaymentStartView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={201: PaymentStartedSerializer, 404: ERROR, 409: ERROR},
        operation_id="dossiers_payment_start",
        description=_(
            "Bắt đầu thanh toán trực tuyến phí, lệ phí của hồ sơ (chỉ chủ hồ sơ; người khác nhận 404). "
            "Chuyển người thanh toán đến `redirect_url`; đơn vị thanh toán đưa họ trở lại cổng và gửi kết "
            "quả đến `payments/callback/`. 409 `already_paid`, `no_fee` hoặc `payment_not_open` khi không có "
            "gì để thanh toán."
        ),
    )
    def post(self, request, code: str):
        selectors.dossier_for(user=request.user, code=code)  # outside the caller's scope: 404
        payment, address = services.payment_start(
            code=code, actor=request.user, return_url=request.build_absolute_uri(reverse("payment_return"))
        )
        body = {"payment": payment, "redirect_url": request.build_absolute_uri(address)}
        return Response(PaymentStartedSerializer(body).data, status=status.HTTP_201_CREATED)


class PaymentCallbackView(APIView):
    """The provider's server-to-server answer; the same fields as the browser's return, signed."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=PaymentCallbackSerializer,
        responses={200: PaymentSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
        operation_id="payments_callback",
        description=_(
            "Chỉ áp dụng một lần: gửi lại cùng kết quả không thay đổi gì và trả về giao dịch như hiện có. "
            "403 `invalid_signature` khi kết quả không được ký bằng khóa bí mật đã cấu hình (kiểm tra trước "
            "tiên); 400 `amount_mismatch` khi số tiền khác số tiền yêu cầu, `invalid_result` khi kết quả đã "
            "ký nhưng không đọc được; 404 khi mã giao dịch không tồn tại; 409 `payment_already_completed` "
            "khi giao dịch đã kết thúc với kết quả khác. Thanh toán thành công cho hồ sơ đã thanh toán được "
            "ghi là `duplicate`, cho hồ sơ đã rút, bị từ chối hoặc dừng giải quyết trong lúc đó là `closed` "
            "(cả hai `refund_due`)."
        ),
    )
    def post(self, request):
        # The signature is checked before the fields are read (403 for anything not signed by the provider).
        data = request.data if isinstance(request.data, Mapping) else {}
        payment = services.payment_complete(data={str(key): str(value) for key, value in data.items()})
        return Response(PaymentSerializer(payment).data)


class DossierPaymentReceiptView(PDFAnswerView):
    @extend_schema(
        operation_id="dossiers_payment_receipt",
        summary=_("Biên lai thu phí, lệ phí của một lần thanh toán thành công, dạng PDF"),
        description=_(
            "Cho một giao dịch trong `fees.payments` của hồ sơ có trạng thái `succeeded`: người nộp tiền, mã "
            "hồ sơ, thủ tục, các khoản phí, lệ phí và số tiền bằng đồng, hình thức, mã giao dịch của đơn vị "
            "thanh toán và thời điểm, bằng tiếng Việt dù `Accept-Language` là gì. Phạm vi như chi tiết hồ sơ "
            "(ngoài phạm vi của người gọi: 404); giao dịch khác, hoặc giao dịch không có biên lai (thất bại, "
            "đã hủy, cần hoàn tiền), trả về 404 `payment_not_found`."
        ),
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=_(
                    "Tệp PDF (A4), với `Content-Disposition: inline; filename=<code>-bien-lai-<receipt number>.pdf`"
                ),
            ),
            404: OpenApiResponse(
                ERROR.response,
                description=_(
                    "Không có hồ sơ này trong phạm vi của người gọi (`dossier_not_found`), hoặc hồ sơ không có giao "
                    "dịch thành công này (`payment_not_found`)"
                ),
            ),
        },
    )
    def get(self, request, code: str, payment_id: int):
        dossier = selectors.dossier_for(user=request.user, code=code)
        payment = succeeded_payment_of(dossier=dossier, payment_id=payment_id)
        return render_payment_receipt(payment=payment).http_response()
