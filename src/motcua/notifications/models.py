"""The transactional outbox: rows written in the same transaction as the change they announce."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    # The id of the event announced, unique per type: dossier events and feedback entries number separately.
    event_id = models.BigIntegerField(_("sự kiện"))
    type = models.CharField(_("loại"), max_length=60)
    dossier_id = models.BigIntegerField(_("hồ sơ"), null=True, blank=True)
    payload = models.JSONField(_("nội dung"), default=dict)
    created_at = models.DateTimeField(_("tạo lúc"))
    delivered_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    failed_at = models.DateTimeField(_("ngừng gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo chờ gửi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["type", "event_id"], name="outbox_one_per_event")]
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(delivered_at__isnull=True, failed_at__isnull=True),
                name="outbox_ready",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} #{self.event_id}"
