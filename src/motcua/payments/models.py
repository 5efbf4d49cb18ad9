"""One row per payment attempt of a dossier's fees: online through a provider, or cash at the counter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ thanh toán")
    SUCCEEDED = "succeeded", _("Thành công")
    FAILED = "failed", _("Không thành công")
    CANCELLED = "cancelled", _("Đã hủy")
    # The provider took the money, but the dossier had been paid already: never counted, to be refunded.
    DUPLICATE = "duplicate", _("Nộp trùng, chờ hoàn trả")
    # The provider took the money after the dossier was withdrawn, refused or stopped (no fee is due any more):
    # never counted, to be refunded.
    CLOSED = "closed", _("Hồ sơ đã kết thúc, chờ hoàn trả")


FINAL_STATUSES = (
    PaymentStatus.SUCCEEDED,
    PaymentStatus.FAILED,
    PaymentStatus.CANCELLED,
    PaymentStatus.DUPLICATE,
    PaymentStatus.CLOSED,
)
# Money taken that settles nothing: to be refunded to the payer.
REFUND_STATUSES = (PaymentStatus.DUPLICATE, PaymentStatus.CLOSED)


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    COUNTER = "counter", _("Tại quầy")


class Payment(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments", verbose_name=_("hồ sơ")
    )
    # Our identifier of the attempt, sent to the provider and signed back by it: random, not guessable.
    reference = models.CharField(_("mã giao dịch"), max_length=40, unique=True)
    method = models.CharField(_("hình thức"), max_length=10, choices=PaymentMethod.choices)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    provider = models.CharField(_("đơn vị thanh toán"), max_length=40)
    provider_reference = models.CharField(_("mã giao dịch của đơn vị thanh toán"), max_length=100, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    # Where the provider sends the payer's browser back (set by Motcua, never taken from the payer).
    return_url = models.CharField(max_length=500, blank=True)
    receipt_number = models.CharField(_("số biên lai"), max_length=30, null=True, blank=True, unique=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    completed_at = models.DateTimeField(_("hoàn tất lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thanh toán")
        verbose_name_plural = _("thanh toán")
        ordering = ["dossier", "created_at", "id"]
        constraints = [
            # A dossier is paid once: a second success is recorded as a duplicate to refund.
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(status="succeeded"), name="payment_one_success_per_dossier"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"

    @property
    def refund_due(self) -> bool:
        return self.status in REFUND_STATUSES
