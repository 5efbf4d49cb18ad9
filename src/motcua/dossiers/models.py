"""Dossiers, their steps, pauses and the append-only, hash-chained process-control log.

Rules live in workflow.py (who may do what from which state) and services.py (every change); the models only
hold data, the indexes the queues need, and the append-only guard of the event log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.catalog.models import Channel
from motcua.core.identity import Sex


class Status(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Chờ tiếp nhận")
    NEEDS_COMPLETION = "needs_completion", _("Chờ bổ sung, hoàn thiện để tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Chờ bổ sung (tạm dừng tính thời hạn)")
    RESOLVED = "resolved", _("Đã có kết quả")
    RETURNED = "returned", _("Đã trả kết quả")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    STOPPED = "stopped", _("Dừng giải quyết")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


# The clock runs (or is paused) in these states: the queues and overdue lists look only at them.
OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.AWAITING_SUPPLEMENT)
RUNNING_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)  # open, the clock not paused
INTAKE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.NEEDS_COMPLETION)
RESULT_STATUSES = (Status.RESOLVED, Status.RETURNED)
TERMINAL_STATUSES = (Status.RETURNED, Status.REFUSED, Status.STOPPED, Status.WITHDRAWN)
# A group's parent is settled (resolved) when each of its children is in one of these.
SETTLED_STATUSES = (Status.RESOLVED, Status.STOPPED, Status.WITHDRAWN)


class EventKind(models.TextChoices):
    """What a line of the process-control slip records (labels in the "event kind" context: the same words
    name actions elsewhere)."""

    DRAFTED = "drafted", pgettext_lazy("event kind", "Lưu nháp")
    SUBMITTED = "submitted", pgettext_lazy("event kind", "Nộp hồ sơ")
    COMPLETION_REQUESTED = (
        "completion_requested",
        pgettext_lazy("event kind", "Hướng dẫn bổ sung, hoàn thiện"),
    )
    REFUSED = "refused", pgettext_lazy("event kind", "Từ chối tiếp nhận")
    RECEIVED = "received", pgettext_lazy("event kind", "Tiếp nhận")
    ASSIGNED = "assigned", pgettext_lazy("event kind", "Phân công")
    FORWARDED = "forwarded", pgettext_lazy("event kind", "Chuyển bước tiếp theo")
    STEP_COMPLETED = "step_completed", pgettext_lazy("event kind", "Hoàn thành bước")
    SUPPLEMENT_REQUESTED = "supplement_requested", pgettext_lazy("event kind", "Yêu cầu bổ sung")
    SUPPLEMENTED = "supplemented", pgettext_lazy("event kind", "Bổ sung hồ sơ")
    APOLOGY_PROPOSED = "apology_proposed", pgettext_lazy("event kind", "Đề xuất xin lỗi và hẹn lại")
    APOLOGY_REJECTED = "apology_rejected", pgettext_lazy("event kind", "Không duyệt đề xuất xin lỗi")
    APOLOGIZED = "apologized", pgettext_lazy("event kind", "Xin lỗi và hẹn lại")
    RESOLVED = "resolved", pgettext_lazy("event kind", "Có kết quả giải quyết")
    RETURNED = "returned", pgettext_lazy("event kind", "Trả kết quả")
    STOPPED = "stopped", pgettext_lazy("event kind", "Dừng giải quyết")
    WITHDRAWN = "withdrawn", pgettext_lazy("event kind", "Rút hồ sơ")
    DOCUMENT_ADDED = "document_added", pgettext_lazy("event kind", "Thêm giấy tờ")
    RATED = "rated", pgettext_lazy("event kind", "Đánh giá mức độ hài lòng")
    PAID = "paid", pgettext_lazy("event kind", "Nộp phí, lệ phí")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Giải quyết (chấp thuận)")
    DENIED = "denied", _("Không giải quyết (có lý do)")


class FeeStatus(models.TextChoices):
    NONE = "none", _("Không thu phí")
    UNPAID = "unpaid", _("Chưa nộp phí")
    PAID_ONLINE = "paid_online", _("Đã nộp trực tuyến")
    PAID_COUNTER = "paid_counter", _("Đã nộp tại quầy")


class OnBehalfRelationship(models.TextChoices):
    """Who files a dossier for someone else, with that person's consent recorded."""

    FAMILY_MEMBER = "family_member", _("Thành viên gia đình")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Người đại diện theo pháp luật")
    AUTHORISED_PERSON = "authorised_person", _("Người được ủy quyền")
    BUSINESS_REPRESENTATIVE = "business_representative", _("Người đại diện doanh nghiệp, tổ chức")


class ResultDelivery(models.TextChoices):
    """How the applicant chose to receive the result (see dossiers/delivery.py for which a procedure allows)."""

    ONLINE = "online", _("Nhận trực tuyến (bản điện tử trên Cổng dịch vụ công)")
    POST = "post", _("Nhận qua bưu chính công ích")
    CENTRE = "centre", _("Nhận trực tiếp tại bộ phận một cửa")


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("thủ tục (phiên bản)"),
        help_text=_("Để trống ở hồ sơ cha của nhóm thủ tục liên thông."),
    )
    group = models.ForeignKey(
        "catalog.ProcedureGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("nhóm thủ tục liên thông"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hồ sơ cha"),
    )
    # Applicant. `applicant` is the owning account; walk-ins at a counter or by post may have none.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("tài khoản người nộp"),
        db_index=False,  # led by the index (applicant, id)
    )
    applicant_name = models.CharField(_("họ và tên người nộp"), max_length=150)
    applicant_personal_id = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    applicant_birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    applicant_sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices, blank=True)
    applicant_phone = models.CharField(_("số điện thoại (E.164)"), max_length=16, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    address_street = models.CharField(_("số nhà, đường phố"), max_length=255, blank=True)
    address_unit = models.ForeignKey(
        "organization.AdministrativeUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xã/phường"),
    )
    address_unit_text = models.CharField(_("xã/phường (văn bản)"), max_length=200, blank=True)
    address_province = models.CharField(_("tỉnh/thành phố"), max_length=200, blank=True)
    legacy_address = models.CharField(_("địa chỉ cũ"), max_length=500, blank=True)

    channel = models.CharField(_("cách thức nộp"), max_length=20, choices=Channel.choices)
    # The agency and assignee keys need no index of their own: each leads one of the queue indexes in Meta.
    receiving_agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nơi tiếp nhận"),
        db_index=False,
    )
    competent_agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan có thẩm quyền"),
        db_index=False,
    )
    # Where the dossier sits now (the current step's agency, or the receiving agency during intake):
    # denormalised so an agency's queue is one index range scan.
    current_agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đang ở cơ quan"),
        db_index=False,
    )
    status = models.CharField(
        _("trạng thái"), max_length=30, choices=Status.choices, default=Status.SUBMITTED
    )

    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả (theo quy định)"), null=True, blank=True)
    # The legal time that applies (the version's, a group's, or an express lane's), fixed at receipt.
    time_kind = models.CharField(_("đơn vị thời hạn"), max_length=20, blank=True)
    time_amount = models.DecimalField(_("thời hạn"), max_digits=10, decimal_places=2, null=True, blank=True)
    rescheduled_due_at = models.DateTimeField(_("hẹn trả lại (sau xin lỗi)"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    reasons = models.TextField(_("lý do"), blank=True)
    missing_items = models.JSONField(_("giấy tờ cần bổ sung, hoàn thiện"), default=list, blank=True)

    current_step = models.ForeignKey(
        "Step",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bước hiện tại"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
        verbose_name=_("người xử lý"),
        db_index=False,
    )
    fee_total = models.PositiveBigIntegerField(_("phí, lệ phí (đồng)"), default=0)
    fee_status = models.CharField(
        _("tình trạng phí"), max_length=20, choices=FeeStatus.choices, default=FeeStatus.NONE
    )
    is_express = models.BooleanField(_("luồng xanh"), default=False)
    home_service = models.BooleanField(_("phục vụ tại nhà"), default=False)
    outside_boundary = models.BooleanField(_("tiếp nhận không phụ thuộc địa giới"), default=False)
    lookup_secret = models.CharField(_("mã tra cứu"), max_length=32)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # The account that filed the dossier (the applicant's own, someone filing on their behalf, or the counter
    # officer who entered it): always recorded, whoever the applicant named in the dossier is.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản nộp hồ sơ"),
    )
    on_behalf_consent = models.BooleanField(_("người nộp đồng ý cho người khác nộp thay"), default=False)
    on_behalf_relationship = models.CharField(
        _("quan hệ của người nộp thay"), max_length=30, choices=OnBehalfRelationship.choices, blank=True
    )
    on_behalf_consent_at = models.DateTimeField(_("ghi nhận đồng ý nộp thay lúc"), null=True, blank=True)
    on_behalf_note = models.CharField(_("ghi chú về việc nộp thay"), max_length=500, blank=True)
    result_delivery = models.CharField(
        _("cách nhận kết quả"), max_length=10, choices=ResultDelivery.choices, blank=True
    )
    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["current_agency", "status", "due_at"], name="dossier_agency_queue"),
            models.Index(fields=["competent_agency", "status", "due_at"], name="dossier_competent_queue"),
            models.Index(fields=["receiving_agency", "status", "submitted_at"], name="dossier_intake_queue"),
            models.Index(fields=["assignee", "status", "due_at"], name="dossier_assignee_queue"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            # An applicant's own dossiers, newest first (the list order: see selectors.dossiers_search).
            models.Index(fields=["applicant", "id"], name="dossier_applicant_newest"),
            # A list filtered by status, newest first: one range per status, probed against the scope rows.
            models.Index(fields=["status", "id"], name="dossier_status_newest"),
            models.Index(fields=["received_at"], name="dossier_received_at"),
            models.Index(
                fields=["due_at"],
                condition=Q(status__in=[s.value for s in RUNNING_STATUSES]),
                name="dossier_open_due",
            ),
            # Dossiers being handled, newest first, with their due moment: a list filtered by a timing class
            # in progress (within time, overdue) at an agency is this index merged with the agency's scope rows,
            # both read in id order without touching the table (and the capped count stops early).
            models.Index(
                fields=["id"],
                include=["due_at"],
                condition=Q(status__in=[s.value for s in RUNNING_STATUSES]),
                name="dossier_running_newest",
            ),
            # The queues (open dossiers at an agency / of an officer, soonest due first) read the first page
            # straight off these in order; intake rows (not open yet) add nothing to them.
            models.Index(
                fields=["current_agency", "due_at", "id"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="dossier_agency_open_due",
            ),
            models.Index(
                fields=["assignee", "due_at", "id"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="dossier_assignee_open_due",
            ),
            # How the open dossiers stand now, per competent agency (the running period's indicators): counted
            # from this index alone, without reading the table (group parents, without a procedure, are left
            # out as the indicators leave them out).
            models.Index(
                fields=["competent_agency", "status", "due_at"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES], procedure_version__isnull=False),
                name="dossier_open_split",
            ),
            # Results waiting for a leader of the competent agency (dossiers.approvals): every step done, soonest
            # due first. A few rows, instead of the agency's running dossiers read and filtered in due order.
            models.Index(
                fields=["competent_agency", "due_at", "id"],
                condition=Q(
                    status__in=[s.value for s in RUNNING_STATUSES],
                    current_step__isnull=True,
                    group__isnull=True,
                ),
                name="dossier_results_waiting",
            ),
            # On PostgreSQL, the queues' search by part of the applicant's name has a trigram index on the
            # dossiers the queues hold (migration 0016: a GIN index, which SQLite does not have).
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def appointment(self):
        """The moment promised to the applicant: the new appointment after an apology, else the legal one."""
        return self.rescheduled_due_at or self.due_at

    @property
    def status_display(self) -> str:
        """The status in the active language (an attribute, so serializers need not inspect a method)."""
        return str(self.get_status_display())


class DossierAgency(models.Model):
    """An agency with a hand in a dossier: receiving, competent, current now or before, or a step's.

    The callers' scope as rows, so that an officer's list is one index range read in the list order (the
    primary key (agency, dossier) is that index) instead of an OR of four columns and a search of the steps.
    Written only by motcua.dossiers.scope; rows are never removed: an agency that had a hand in a dossier
    keeps seeing it.
    """

    pk = models.CompositePrimaryKey("agency", "dossier")
    agency = models.ForeignKey(
        "organization.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="scope_rows", db_index=False)

    class Meta:
        verbose_name = _("cơ quan liên quan đến hồ sơ")
        verbose_name_plural = _("cơ quan liên quan đến hồ sơ")

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.dossier_id}"


class Step(models.Model):
    """One step of the dossier's process, copied from the version's template at receipt."""

    # Led by the unique (dossier, order) index.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="steps", db_index=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=300)
    agency = models.ForeignKey("organization.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=30)
    time_budget = models.DecimalField(_("thời gian"), max_digits=10, decimal_places=2, default=0)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    outcome = models.CharField(_("kết quả bước"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["dossier", "order"]
        constraints = [models.UniqueConstraint(fields=["dossier", "order"], name="dossier_step_order_unique")]
        indexes = [
            models.Index(
                fields=["agency", "due_at"],
                condition=Q(finished_at__isnull=True),
                name="step_open_agency_due",
            ),
            # An officer's finished steps in a period (the scorecard: motcua.indicators.scorecard).
            models.Index(
                fields=["assignee", "finished_at"],
                condition=Q(finished_at__isnull=False),
                name="step_assignee_finished",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} / {self.order}. {self.name}"


class PauseInterval(models.Model):
    """The clock is stopped while the applicant supplements; `ended_at` is empty while it still is."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pauses")
    agency = models.ForeignKey("organization.Agency", on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("bắt đầu tạm dừng"))
    ended_at = models.DateTimeField(_("kết thúc tạm dừng"), null=True, blank=True)
    reason = models.TextField(_("lý do"))
    items = models.JSONField(_("giấy tờ yêu cầu bổ sung"), default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tạm dừng tính thời hạn")
        verbose_name_plural = _("tạm dừng tính thời hạn")
        ordering = ["dossier", "started_at"]
        constraints = [
            # A supplement may be requested only once per agency per dossier (DOMAIN.md §3.3).
            models.UniqueConstraint(fields=["dossier", "agency"], name="pause_once_per_agency"),
        ]
        # The supplement requests an officer made in a period (the scorecard).
        indexes = [models.Index(fields=["requested_by", "started_at"], name="pause_requester_started")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.started_at} - {self.ended_at or '...'}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không được duyệt")
    SUPERSEDED = "superseded", _("Lãnh đạo đã xin lỗi trực tiếp")


class ApologyProposal(models.Model):
    """A specialist's proposal of an apology and new appointment (form 04), waiting for a leader of the late
    agency: approved, it becomes the dossier's apology with these values; rejected, a new one may be proposed.
    Each change is also an event on the dossier's process-control slip."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="apology_proposals", db_index=False
    )
    # The agency that was late: where the dossier was when the proposal was made.
    agency = models.ForeignKey("organization.Agency", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do chậm"))
    new_due_at = models.DateTimeField(_("ngày giờ hẹn trả mới đề xuất"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("đề xuất lúc"))
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của lãnh đạo"), blank=True)

    class Meta:
        verbose_name = _("đề xuất xin lỗi và hẹn lại")
        verbose_name_plural = _("đề xuất xin lỗi và hẹn lại")
        ordering = ["dossier", "proposed_at"]
        constraints = [
            # One proposal waits at a time; a rejected one may be followed by another.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status="pending"),
                name="apology_proposal_one_pending",
            ),
        ]
        indexes = [
            models.Index(fields=["dossier", "proposed_at"], name="apology_proposal_dossier"),
            # The leaders' approvals pages: the few proposals waiting, oldest first.
            models.Index(
                fields=["proposed_at"],
                condition=Q(status="pending"),
                name="apology_proposal_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.status} {self.new_due_at}"


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("process-control events are append-only: they cannot be updated")

    def delete(self):
        raise TypeError("process-control events are append-only: they cannot be deleted")

    def _raw_delete(self, using):  # used by cascades
        raise TypeError("process-control events are append-only: they cannot be deleted")


class Event(models.Model):
    """One line of the process-control slip. Hash-chained per dossier: see motcua.core.hashchain."""

    # Led by the unique (dossier, seq) index.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField(_("số thứ tự"))
    kind = models.CharField(_("loại"), max_length=40, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        "organization.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("lúc"))
    from_status = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    payload = models.JSONField(_("nội dung"), default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện xử lý hồ sơ")
        verbose_name_plural = _("phiếu kiểm soát quá trình")
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="event_seq_unique")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.kind}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("process-control events are append-only: they cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("process-control events are append-only: they cannot be deleted")

    def hashed_content(self) -> dict:
        """Exactly what the hash covers."""
        return {
            "dossier": self.dossier_id,
            "seq": self.seq,
            "kind": self.kind,
            "actor": self.actor_id,
            "agency": self.agency_id,
            "at": self.at,
            "from": self.from_status,
            "to": self.to_status,
            "payload": self.payload,
        }


class DailySequence(models.Model):
    """The last number used in dossier codes per receiving agency per local day."""

    agency = models.ForeignKey("organization.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="daily_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_value}"


class IdempotencyKey(models.Model):
    """A submission's Idempotency-Key: a retry with the same key gets the first answer again."""

    # Led by the unique (user, key) index.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"


class Rating(models.Model):
    class Level(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
        SATISFIED = "satisfied", _("Hài lòng")
        NOT_SATISFIED = "not_satisfied", _("Không hài lòng")

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="rating")
    level = models.CharField(_("mức độ hài lòng"), max_length=20, choices=Level.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        indexes = [models.Index(fields=["rated_at"], name="rating_rated_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.level}"


class HomeServiceEligibility(models.TextChoices):
    """Who may ask to be served at home (DOMAIN.md §3.4)."""

    MERITORIOUS = "meritorious", _("Người có công với cách mạng")
    DISABLED = "disabled", _("Người khuyết tật")
    ELDERLY = "elderly", _("Người cao tuổi")
    FORCE_MAJEURE = "force_majeure", _("Trường hợp bất khả kháng (ốm đau, thiên tai...)")


class VisitWindow(models.TextChoices):
    MORNING = "morning", _("Buổi sáng (8 giờ - 12 giờ)")
    AFTERNOON = "afternoon", _("Buổi chiều (13 giờ - 17 giờ)")


class HomeServiceStatus(models.TextChoices):
    REQUESTED = "requested", _("Đã gửi yêu cầu")
    SCHEDULED = "scheduled", _("Đã hẹn lịch")
    DONE = "done", _("Đã tiếp nhận tại nhà")
    CANCELLED = "cancelled", _("Đã hủy")


class HomeServiceRequest(models.Model):
    """A citizen's request that an officer come to receive a dossier at home. The receiving agency is the
    one-stop section the online routing picks for the procedure and the address's commune; it schedules the
    visit and, once there, records the dossier (channel home service) through the counter intake."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="home_service_requests",
        verbose_name=_("người yêu cầu"),
        db_index=False,  # led by the index (applicant, id)
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion", on_delete=models.PROTECT, related_name="+", verbose_name=_("thủ tục")
    )
    eligibility = models.CharField(_("đối tượng"), max_length=20, choices=HomeServiceEligibility.choices)
    reason = models.TextField(_("lý do"))
    applicant_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("số điện thoại (E.164)"), max_length=16)
    address_street = models.CharField(_("số nhà, đường phố"), max_length=255)
    address_unit = models.ForeignKey(
        "organization.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("xã/phường"),
    )
    address_province = models.CharField(_("tỉnh/thành phố"), max_length=200)
    preferred_date = models.DateField(_("ngày mong muốn"))
    preferred_window = models.CharField(_("buổi mong muốn"), max_length=10, choices=VisitWindow.choices)
    receiving_agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nơi tiếp nhận"),
        db_index=False,  # led by the index (receiving_agency, status, id)
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=HomeServiceStatus.choices, default=HomeServiceStatus.REQUESTED
    )
    visit_at = models.DateTimeField(_("hẹn đến lúc"), null=True, blank=True)
    officer_note = models.CharField(_("ghi chú của cán bộ"), max_length=500, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dossier = models.OneToOneField(
        Dossier, on_delete=models.PROTECT, null=True, blank=True, related_name="home_service_request"
    )
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("yêu cầu phục vụ tại nhà")
        verbose_name_plural = _("yêu cầu phục vụ tại nhà")
        indexes = [
            models.Index(fields=["applicant", "id"], name="home_request_applicant"),
            models.Index(fields=["receiving_agency", "status", "id"], name="home_request_agency_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {self.applicant_name} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in (HomeServiceStatus.REQUESTED, HomeServiceStatus.SCHEDULED)
