"""The procedure catalog: what citizens can ask for, who decides, how long it takes, what it costs.

A `Procedure` is the stable identity (its code); its content lives in numbered `ProcedureVersion`s. Publishing a
change makes a new version; a dossier keeps the version in force when it was received.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.organization.models import Agency


def _localized(vi: str, en: str) -> str:
    return en if (get_language() or "vi")[:2] == "en" and en else vi


class Sector(TimeStampedModel):
    code = models.CharField(_("mã lĩnh vực"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localized(self.name, self.name_en)


class AuthorityLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class ProcessingTimeKind(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_MINUTES = "working_minutes", _("phút làm việc")
    CALENDAR_DAYS = "calendar_days", pgettext_lazy("time unit", "ngày")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL = "partial", _("Dịch vụ công trực tuyến một phần")
    NONE = "none", _("Không trực tuyến")


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    COUNTER = "counter", _("Trực tiếp tại bộ phận một cửa")
    POSTAL = "postal", _("Qua bưu chính công ích")
    HOME = "home", _("Tại nhà")


class ResultForm(models.TextChoices):
    PAPER = "paper", _("Bản giấy")
    ELECTRONIC = "electronic", _("Bản điện tử")
    BOTH = "both", _("Bản giấy và bản điện tử")


class SupplementPolicy(models.TextChoices):
    RESUME = "resume", _("Tiếp tục tính thời hạn")
    RESTART = "restart", _("Tính lại thời hạn từ đầu")


class Procedure(TimeStampedModel):
    """The stable identity of a procedure; the fields shown in lists mirror its current published version."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    authority_level = models.CharField(_("cấp thực hiện"), max_length=20, choices=AuthorityLevel.choices)
    search_text = models.TextField(_("khóa tìm kiếm"), blank=True, editable=False)
    # Diacritics-free, lower-case names (motcua.core.text.search_key) so name matches rank first on any DB.
    search_name = models.CharField(_("khóa tìm kiếm theo tên"), max_length=500, blank=True, editable=False)
    search_name_en = models.CharField(
        _("khóa tìm kiếm theo tên tiếng Anh"), max_length=500, blank=True, editable=False
    )
    current_version = models.ForeignKey(
        "ProcedureVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phiên bản hiện hành"),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} - {self.display_name}"

    @property
    def display_name(self) -> str:
        return _localized(self.name, self.name_en)


class ProcedureVersion(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đang áp dụng")
        SUPERSEDED = "superseded", _("Đã thay thế")

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("số phiên bản"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    authority_level = models.CharField(_("cấp thực hiện"), max_length=20, choices=AuthorityLevel.choices)
    competent_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competent_for",
        verbose_name=_("cơ quan có thẩm quyền"),
    )
    competent_agency_kind = models.CharField(
        _("loại cơ quan có thẩm quyền"),
        max_length=30,
        choices=Agency.Kind.choices,
        blank=True,
        help_text=_(
            "Ví dụ: mọi UBND xã/phường đối với địa bàn của mình. Dùng khi không chỉ định một cơ quan."
        ),
    )
    processing_time_kind = models.CharField(
        _("đơn vị thời hạn"),
        max_length=20,
        choices=ProcessingTimeKind.choices,
        default=ProcessingTimeKind.WORKING_DAYS,
    )
    processing_time_amount = models.PositiveIntegerField(_("thời hạn giải quyết"))
    # The longest extension an apology may give (DOMAIN.md §3.3): the new appointment is at most this long after
    # the due moment, counted in the version's own time unit with the competent agency's calendar.
    max_extension = models.PositiveIntegerField(
        _("thời gian gia hạn tối đa"),
        null=True,
        blank=True,
        help_text=_(
            "Theo đơn vị thời hạn của thủ tục. Để trống: gấp đôi thời hạn giải quyết. Ngày hẹn mới trong thư xin "
            "lỗi không được muộn hơn hạn trả kết quả cộng thời gian này."
        ),
    )
    online_level = models.CharField(_("mức độ trực tuyến"), max_length=10, choices=OnlineLevel.choices)
    channels = models.JSONField(
        pgettext_lazy("procedure field", "cách thức nộp"),
        default=list,
        help_text=_("online, counter, postal, home"),
    )
    result_form = models.CharField(_("hình thức kết quả"), max_length=20, choices=ResultForm.choices)
    result_name = models.CharField(_("tên kết quả"), max_length=300, blank=True)
    boundary_free = models.BooleanField(_("tiếp nhận không phụ thuộc địa giới hành chính"), default=False)
    home_service_eligible = models.BooleanField(_("phục vụ tại nhà"), default=False)
    supplement_policy = models.CharField(
        _("khi bổ sung hồ sơ"),
        max_length=10,
        choices=SupplementPolicy.choices,
        default=SupplementPolicy.RESUME,
    )
    applicant_kinds = models.JSONField(
        _("đối tượng thực hiện"), default=list, help_text=_("citizen, business")
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"], condition=Q(status="published"), name="procedure_one_published_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    @property
    def display_name(self) -> str:
        return _localized(self.name, self.name_en)


class RequiredDocument(models.Model):
    """A component of the dossier (thành phần hồ sơ)."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã thành phần"), max_length=40, help_text=_("Duy nhất trong một phiên bản."))
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="catalog/templates/", blank=True)
    reusable_kind = models.CharField(
        _("loại giấy tờ dùng lại"),
        max_length=60,
        blank=True,
        help_text=_("Nếu có, giấy tờ cùng loại trong kho dữ liệu cá nhân có thể được dùng lại."),
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="required_document_code_unique")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localized(self.name, self.name_en)


class FeeLine(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("khoản phí, lệ phí"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    exemption = models.TextField(_("miễn, giảm"), blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class ProcessStep(models.Model):
    """One step of the process template. Budgets are in the version's time unit and add up to the legal time."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="process_steps",
        verbose_name=_("cơ quan thực hiện"),
        help_text=_("Để trống: cơ quan có thẩm quyền của hồ sơ."),
    )
    role = models.CharField(_("vai trò"), max_length=30)
    time_budget = models.DecimalField(
        pgettext_lazy("step field", "thời gian"), max_digits=8, decimal_places=2
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quy trình xử lý")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="process_step_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ExpressLane(TimeStampedModel):
    """For a procedure at an agency, on listed weekdays, counter dossiers get a deadline in working minutes."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="express_lanes")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="express_lanes",
        verbose_name=_("áp dụng tại"),
        help_text=_("Để trống: mọi nơi tiếp nhận."),
    )
    name = models.CharField(_("tên"), max_length=200, default="Thứ Sáu xanh")
    weekdays = models.JSONField(
        _("ngày trong tuần"), default=list, help_text=_("0 = Thứ Hai ... 6 = Chủ nhật")
    )
    counter_only = models.BooleanField(_("chỉ hồ sơ nộp tại quầy"), default=True)
    working_minutes = models.PositiveIntegerField(_("thời hạn (phút làm việc)"))
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("luồng xanh")
        verbose_name_plural = _("luồng xanh")

    def __str__(self) -> str:
        return f"{self.name}: {self.procedure.code}"


class ProcedureGroup(TimeStampedModel):
    """Interconnected procedures (liên thông): one submission, one code, one appointment, one result."""

    code = models.CharField(_("mã nhóm"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm thủ tục liên thông"), max_length=500)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    processing_time_kind = models.CharField(
        _("đơn vị thời hạn"),
        max_length=20,
        choices=ProcessingTimeKind.choices,
        default=ProcessingTimeKind.WORKING_DAYS,
    )
    processing_time_amount = models.PositiveIntegerField(_("thời hạn giải quyết cả nhóm"))
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("nhóm thủ tục liên thông")
        verbose_name_plural = _("nhóm thủ tục liên thông")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localized(self.name, self.name_en)


class ProcedureGroupMember(models.Model):
    group = models.ForeignKey(ProcedureGroup, on_delete=models.CASCADE, related_name="members")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="group_memberships")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["group", "order"]
        constraints = [models.UniqueConstraint(fields=["group", "procedure"], name="group_member_unique")]

    def __str__(self) -> str:
        return f"{self.group.code} / {self.procedure.code}"
