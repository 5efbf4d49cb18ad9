"""Shapes of the payment API: a payment attempt, a started payment, the provider's callback, a dossier's fees."""

from __future__ import annotations

from rest_framework import serializers

from motcua.payments.models import Payment

from .fields import StringField


class PaymentSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True, help_text="pending, succeeded, failed, cancelled, duplicate or closed"
    )
    refund_due = serializers.BooleanField(
        read_only=True,
        help_text="A success that settles nothing (a second one for a dossier already paid, or one for a dossier "
        "withdrawn, refused or stopped meanwhile): counted nowhere, to refund",
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
    redirect_url = serializers.CharField(help_text="Send the payer's browser here to pay")


class PaymentCallbackSerializer(serializers.Serializer):
    """The provider's answer, signed with HMAC-SHA256 over reference, result, provider_reference and amount
    (see docs/payments.md)."""

    reference = StringField(max_length=40)
    result = serializers.ChoiceField(choices=["success", "failure", "cancel"])
    provider_reference = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    amount = serializers.IntegerField(min_value=0)
    signature = StringField(max_length=128)


class FeesSerializer(serializers.Serializer):
    """A dossier's fees: the amount, their status, the receipt once paid, and every payment attempt."""

    total = serializers.IntegerField(help_text="đồng")
    status = serializers.CharField()
    status_display = serializers.CharField()
    receipt_number = serializers.CharField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)
    payments = PaymentSerializer(many=True)
