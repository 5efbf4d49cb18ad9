"""Counts kept as the dossiers change: one row per agency, sector and day, one column per measure.

The grain is the agency that decides (the competent agency), the sector of the procedure and the day (in
Asia/Ho_Chi_Minh) on which the event happened. A period's figures are sums over its days: a quarter of every
agency is a few hundred thousand narrow rows at most, where the dossier table would be millions. See
docs/indicators.md for why, and `motcua rebuild-indicators` for the check against the events.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountedMeasures(models.Model):
    """The measure columns shared by the daily counts and their monthly sums."""

    received = models.PositiveIntegerField(_("tiếp nhận"), default=0)
    received_online = models.PositiveIntegerField(_("tiếp nhận trực tuyến"), default=0)
    received_direct = models.PositiveIntegerField(_("tiếp nhận trực tiếp"), default=0)
    received_postal = models.PositiveIntegerField(_("tiếp nhận qua bưu chính"), default=0)
    resolved_early = models.PositiveIntegerField(_("giải quyết trước hạn"), default=0)
    resolved_on_time = models.PositiveIntegerField(_("giải quyết đúng hạn"), default=0)
    resolved_late = models.PositiveIntegerField(_("giải quyết quá hạn"), default=0)
    # Of the dossiers resolved that day: those with fees, and those whose fees were paid online (a dossier paid
    # online only after its result is counted in paid_online on the day of the payment).
    fee_bearing = models.PositiveIntegerField(_("có phí, lệ phí"), default=0)
    paid_online = models.PositiveIntegerField(_("thanh toán trực tuyến"), default=0)
    returned = models.PositiveIntegerField(_("trả kết quả"), default=0)
    refused = models.PositiveIntegerField(_("từ chối tiếp nhận"), default=0)
    withdrawn = models.PositiveIntegerField(_("rút hồ sơ sau tiếp nhận"), default=0)
    stopped = models.PositiveIntegerField(_("dừng giải quyết"), default=0)
    supplement_requests = models.PositiveIntegerField(_("yêu cầu bổ sung"), default=0)
    apologies = models.PositiveIntegerField(_("xin lỗi, hẹn lại"), default=0)
    # Of the dossiers received that day: those whose documents were all digitized at receipt, and those with a
    # document reused from the personal document store (Circular 01/2023/TT-VPCP).
    received_digitized = models.PositiveIntegerField(_("tiếp nhận đã số hóa"), default=0)
    received_reused = models.PositiveIntegerField(_("tiếp nhận dùng lại giấy tờ"), default=0)
    # Of the dossiers approved that day: those whose result was issued as a signed electronic document.
    results_approved = models.PositiveIntegerField(_("kết quả phê duyệt"), default=0)
    results_electronic = models.PositiveIntegerField(_("kết quả điện tử"), default=0)
    rated_very_satisfied = models.PositiveIntegerField(_("rất hài lòng"), default=0)
    rated_satisfied = models.PositiveIntegerField(_("hài lòng"), default=0)
    rated_not_satisfied = models.PositiveIntegerField(_("không hài lòng"), default=0)

    class Meta:
        abstract = True


class DailyCount(CountedMeasures):
    agency = models.ForeignKey(
        "organization.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    sector = models.ForeignKey("catalog.Sector", on_delete=models.PROTECT, related_name="+", db_index=False)
    day = models.DateField(_("ngày"))

    class Meta:
        verbose_name = _("số liệu theo ngày")
        verbose_name_plural = _("số liệu theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["agency", "sector", "day"], name="daily_count_grain"),
        ]
        indexes = [models.Index(fields=["day", "agency"], name="daily_count_day_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id} / {self.sector_id} / {self.day}"


# The measure columns, in the model's order: the one list that counting, rebuilding and reports share.
MEASURES: tuple[str, ...] = tuple(
    field.name for field in DailyCount._meta.concrete_fields if isinstance(field, models.PositiveIntegerField)
)


class MonthlyCount(CountedMeasures):
    """The daily counts of a complete month summed per agency (all sectors), so that a report over a year reads
    a row per agency and month instead of one per agency, sector and day (motcua.indicators.monthly). Only
    months recorded in SummarizedMonth are summed; counting on a day of such a month (an import of past
    dossiers) forgets its sums, and the daily rows answer until the month is summed again."""

    agency = models.ForeignKey(
        "organization.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng"))

    class Meta:
        verbose_name = _("số liệu theo tháng")
        verbose_name_plural = _("số liệu theo tháng")
        constraints = [models.UniqueConstraint(fields=["month", "agency"], name="monthly_count_grain")]

    def __str__(self) -> str:
        return f"{self.agency_id} / {self.month:%Y-%m}"


class SummarizedMonth(models.Model):
    """A month whose daily counts are summed in MonthlyCount (every agency's)."""

    month = models.DateField(_("tháng"), unique=True)
    summarized_at = models.DateTimeField(_("lúc tổng hợp"))

    class Meta:
        verbose_name = _("tháng đã tổng hợp")
        verbose_name_plural = _("tháng đã tổng hợp")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class OpenCount(models.Model):
    """How the open dossiers of each competent agency stood at the end of a day: within time, overdue, paused.

    Events do not change these (the clock does), so they are taken once a day, just after midnight, for the
    day that ended (motcua.indicators.snapshots), and backfilled by `rebuild-indicators --snapshots`.
    """

    agency = models.ForeignKey(
        "organization.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    day = models.DateField(_("ngày"))
    within_time = models.PositiveIntegerField(_("trong hạn"), default=0)
    overdue = models.PositiveIntegerField(_("quá hạn"), default=0)
    paused = models.PositiveIntegerField(_("tạm dừng"), default=0)

    class Meta:
        verbose_name = _("hồ sơ đang giải quyết cuối ngày")
        verbose_name_plural = _("hồ sơ đang giải quyết cuối ngày")
        constraints = [models.UniqueConstraint(fields=["day", "agency"], name="open_count_day_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id} / {self.day}"


class FeedbackDailyCount(models.Model):
    """Feedback counts per routed agency and day (Asia/Ho_Chi_Minh), kept as entries are appended.

    Complaints and recommendations count on the day they were filed. Feedback falling due, and of those the ones
    answered on time or late, count on the day of the answer deadline, fixed when the feedback is filed: the
    share answered on time over the feedback due in a period explains itself (due = on time + late + still
    unanswered).
    """

    agency = models.ForeignKey(
        "organization.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    day = models.DateField(_("ngày"))
    complaints = models.PositiveIntegerField(_("phản ánh"), default=0)
    recommendations = models.PositiveIntegerField(_("kiến nghị"), default=0)
    feedback_due = models.PositiveIntegerField(_("phản ánh, kiến nghị đến hạn trả lời"), default=0)
    answered_on_time = models.PositiveIntegerField(_("trả lời đúng hạn"), default=0)
    answered_late = models.PositiveIntegerField(_("trả lời quá hạn"), default=0)

    class Meta:
        verbose_name = _("số liệu phản ánh, kiến nghị theo ngày")
        verbose_name_plural = _("số liệu phản ánh, kiến nghị theo ngày")
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="feedback_count_grain")]
        indexes = [models.Index(fields=["day", "agency"], name="feedback_count_day_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id} / {self.day}"


FEEDBACK_MEASURES: tuple[str, ...] = tuple(
    field.name
    for field in FeedbackDailyCount._meta.concrete_fields
    if isinstance(field, models.PositiveIntegerField)
)
