"""Feedback (phản ánh, kiến nghị): a complaint or a recommendation about an agency, a procedure or a dossier,
routed to one agency, answered within a number of working days, rated once by its author.

Every change is also an entry in the feedback's append-only history (who, what, when).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Phản ánh")
    RECOMMENDATION = "recommendation", _("Kiến nghị")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ANSWER_DRAFTED = "answer_drafted", _("Đã có dự thảo trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


# Waiting for the agency's answer: the inbox and the deadline apply.
OPEN_STATUSES = (Status.RECEIVED, Status.ANSWER_DRAFTED)
# The answer is approved and visible to the author.
ANSWERED_STATUSES = (Status.ANSWERED, Status.CLOSED)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng")
    NOT_SATISFIED = "not_satisfied", _("Không hài lòng")


class Feedback(models.Model):
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    # What it is about: a dossier, a procedure and/or an agency; `agency` is where it was routed.
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ"),
        db_index=False,  # the partial index below: most feedback names no dossier
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thủ tục"),
    )
    agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan xử lý"),
        db_index=False,
    )
    # The citizen's account; empty for feedback a counter officer filed for someone who has none.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
        db_index=False,
    )
    # Filed at a counter: the officer who entered it for the citizen, and when the citizen's consent was recorded.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ nhận tại quầy"),
    )
    on_behalf_consent_at = models.DateTimeField(_("ghi nhận đồng ý lúc"), null=True, blank=True)
    contact_name = models.CharField(_("họ và tên"), max_length=150)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    contact_phone = models.CharField(_("số điện thoại (E.164)"), max_length=16, blank=True)

    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    submitted_at = models.DateTimeField(_("gửi lúc"))
    due_at = models.DateTimeField(_("hạn trả lời"))

    answer = models.TextField(_("nội dung trả lời"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người dự thảo"),
    )
    drafted_at = models.DateTimeField(_("dự thảo lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    published = models.BooleanField(_("công khai"), default=False)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)

    rating = models.CharField(_("đánh giá câu trả lời"), max_length=20, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [
            # The author's list, newest first.
            models.Index(fields=["author", "-id"], name="feedback_author_newest"),
            # An agency's inbox: open ones by due moment; the rest newest first.
            models.Index(
                fields=["agency", "due_at"],
                condition=Q(status__in=["received", "answer_drafted"]),
                name="feedback_inbox_open_due",
            ),
            models.Index(fields=["agency", "-id"], name="feedback_agency_newest"),
            # The public list: published answers, newest first.
            models.Index(fields=["-answered_at"], condition=Q(published=True), name="feedback_published"),
            models.Index(fields=["dossier"], condition=Q(dossier__isnull=False), name="feedback_dossier"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(published=True) | Q(status__in=["answered", "closed"]),
                name="feedback_published_only_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at <= self.due_at


class EntryKind(models.TextChoices):
    SUBMITTED = "submitted", _("Gửi phản ánh, kiến nghị")
    ANSWER_DRAFTED = "answer_drafted", _("Dự thảo trả lời")
    SENT_BACK = "sent_back", _("Trả lại dự thảo để sửa")
    ANSWER_APPROVED = "answer_approved", _("Duyệt trả lời")
    PUBLISHED = "published", _("Công khai trả lời")
    RATED = "rated", _("Đánh giá câu trả lời")


class Entry(models.Model):
    """One thing that happened to a feedback: append-only (never updated, never deleted)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("loại"), max_length=30, choices=EntryKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"))
    payload = models.JSONField(_("nội dung"), default=dict, blank=True)

    class Meta:
        verbose_name = _("diễn biến phản ánh, kiến nghị")
        verbose_name_plural = _("diễn biến phản ánh, kiến nghị")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
