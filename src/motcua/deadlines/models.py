"""Calendar overrides: the days administrators add on top of the statutory holidays."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarOverride(TimeStampedModel):
    """One day declared off, or declared a working day, for the whole city or for one agency.

    Overrides win over the `holidays` package; an agency's own override wins over a city-wide one.
    """

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    reason_en = models.CharField(_("lý do (tiếng Anh)"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_overrides",
        verbose_name=_("cơ quan"),
        help_text=_("Để trống nếu áp dụng cho toàn thành phố."),
    )
    legal_basis = models.CharField(
        _("căn cứ pháp lý"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: Thông báo số .../TB-UBND ngày ..."),
    )

    class Meta:
        verbose_name = _("ngày nghỉ/làm bù")
        verbose_name_plural = _("ngày nghỉ/làm bù")
        ordering = ["-date", "agency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(agency__isnull=True),
                name="calendar_override_unique_city_day",
            ),
            models.UniqueConstraint(fields=["date", "agency"], name="calendar_override_unique_agency_day"),
        ]
        indexes = [models.Index(fields=["date"], name="calendar_override_date")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} - {self.get_kind_display()}"

    @property
    def display_reason(self) -> str:
        if (get_language() or "vi")[:2] == "en" and self.reason_en:
            return self.reason_en
        return self.reason
