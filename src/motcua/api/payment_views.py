"""Payment endpoints: the owner starts an online payment; the provider posts its signed answer."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
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
        description="Start an online payment of the dossier's fees (its owner only; anyone else gets 404). "
        "Send the payer to `redirect_url`; the provider sends them back to the portal and posts its answer to "
        "`payments/callback/`. 409 `already_paid`, `no_fee` or `payment_not_open` when nothing can be paid.",
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
        description="Applied once: the same answer again changes nothing and answers the payment as it is. "
        "403 `invalid_signature` for an answer not signed with the configured secret (checked first); 400 "
        "`amount_mismatch` for another amount than the one asked, `invalid_result` for a signed answer that "
        "cannot be read; 404 for an unknown reference; 409 `payment_already_completed` for another outcome of a payment already ended. A "
        "success for a dossier paid already is recorded as `duplicate`, one for a dossier withdrawn, refused or "
        "stopped meanwhile as `closed` (both `refund_due`).",
    )
    def post(self, request):
        # The signature is checked before the fields are read (403 for anything not signed by the provider).
        data = request.data if isinstance(request.data, Mapping) else {}
        payment = services.payment_complete(data={str(key): str(value) for key, value in data.items()})
        return Response(PaymentSerializer(payment).data)


class DossierPaymentReceiptView(PDFAnswerView):
    @extend_schema(
        operation_id="dossiers_payment_receipt",
        summary="The receipt of a successful payment (biên lai thu phí, lệ phí), as PDF",
        description="For a payment of the dossier's `fees.payments` whose status is `succeeded`: the payer, the "
        "dossier code, the procedure, the fee lines and the amount in đồng, the method, the provider's "
        "reference and the time, in Vietnamese whatever `Accept-Language` says. Scoped like the dossier's "
        "detail (outside the caller's scope: 404); any other payment, or one without a receipt (failed, "
        "cancelled, to refund), answers 404 `payment_not_found`.",
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The PDF (A4), with `Content-Disposition: inline; "
                "filename=<code>-bien-lai-<receipt number>.pdf`",
            ),
            404: OpenApiResponse(
                ERROR.response,
                description="No such dossier in the caller's scope (`dossier_not_found`), or no such "
                "successful payment of it (`payment_not_found`)",
            ),
        },
    )
    def get(self, request, code: str, payment_id: int):
        dossier = selectors.dossier_for(user=request.user, code=code)
        payment = succeeded_payment_of(dossier=dossier, payment_id=payment_id)
        return render_payment_receipt(payment=payment).http_response()
