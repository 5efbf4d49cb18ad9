"""Shapes of the payment API: a payment attempt, a started payment, the provider's callback, a dossier's fees."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.payments.models import Payment

from .fields import StringField


class PaymentSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True, help_text=_("pending, succeeded, failed, cancelled, duplicate hoặc closed")
    )
    refund_due = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "Thanh toán thành công nhưng không dùng cho khoản nào (lần thứ hai cho hồ sơ đã thanh toán, hoặc "
            "cho hồ sơ đã rút, bị từ chối hoặc dừng giải quyết trong lúc đó): không tính vào đâu, cần hoàn "
            "tiền"
        ),
    )

    class Meta:
        model = Payment
        fields = [
            "id",
            "reference",
            "method",
            "status",
            "amount",
            "provider",
            "provider_reference",
            "receipt_number",
            "refund_due",
            "created_at",
            "completed_at",
        ]
        read_only_fields = fields


class PaymentStartedSerializer(serializers.Serializer):
    payment = PaymentSerializer()
    redirect_url = serializers.CharField(
        help_text=_("Chuyển trình duyệt của người thanh toán đến địa chỉ này để thanh toán")
    )


class PaymentCallbackSerializer(serializers.Serializer):
    openapi_description = _(
        "Kết quả từ đơn vị thanh toán, ký bằng HMAC-SHA256 trên reference, result, provider_reference và "
        "amount (xem docs/payments.md)."
    )

    reference = StringField(max_length=40)
    result = serializers.ChoiceField(choices=["success", "failure", "cancel"])
    provider_reference = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    amount = serializers.IntegerField(min_value=0)
    signature = StringField(max_length=128)


class FeesSerializer(serializers.Serializer):
    openapi_description = _(
        "Phí, lệ phí của hồ sơ: số tiền, tình trạng, biên lai khi đã thanh toán, và mọi lần thanh toán."
    )

    total = serializers.IntegerField(help_text=_("đồng"))
    status = serializers.CharField()
    status_display = serializers.CharField()
    receipt_number = serializers.CharField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)
    payments = PaymentSerializer(many=True)
