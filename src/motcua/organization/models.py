"""Administrative units, agencies and counters.

Since 1 July 2025 local government has two tiers: the province/city and the commune/ward/special zone.
"""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel

DEFAULT_WORKING_PERIODS = [["08:00", "12:00"], ["13:00", "17:00"]]
DEFAULT_WORKING_WEEKDAYS = [0, 1, 2, 3, 4]  # Monday..Friday

agency_code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9.]{0,29}$",
    _("Mã cơ quan gồm chữ in hoa, chữ số và dấu chấm (không có dấu gạch ngang), tối đa 30 ký tự."),
)


def default_working_periods() -> list[list[str]]:
    return [list(p) for p in DEFAULT_WORKING_PERIODS]


def default_working_weekdays() -> list[int]:
    return list(DEFAULT_WORKING_WEEKDAYS)


class AdministrativeUnit(TimeStampedModel):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/Thành phố")
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")

    code = models.CharField(_("mã đơn vị hành chính"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc"),
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.level == self.Level.PROVINCE and self.parent_id:
            raise ValidationError({"parent": _("Tỉnh/thành phố không thuộc đơn vị nào.")})
        if self.level != self.Level.PROVINCE and not self.parent_id:
            raise ValidationError({"parent": _("Xã/phường/đặc khu phải thuộc một tỉnh/thành phố.")})


class Agency(TimeStampedModel):
    class Kind(models.TextChoices):
        SERVICE_CENTRE = "service_centre", _("Trung tâm phục vụ hành chính công")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        COMMUNE_COMMITTEE = "commune_committee", _("UBND xã/phường")
        PROVINCIAL_COMMITTEE = "provincial_committee", _("UBND tỉnh/thành phố")
        VERTICAL_AGENCY = "vertical_agency", _("Cơ quan ngành dọc")
        # Providers that deliver public services through the same one-stop mechanism (Hanoi's pilots).
        PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
        STATE_ENTERPRISE = "state_enterprise", _("Doanh nghiệp nhà nước cung cấp dịch vụ công")

    code = models.CharField(_("mã cơ quan"), max_length=30, unique=True, validators=[agency_code_validator])
    name = models.CharField(_("tên"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    administrative_unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("địa bàn")
    )
    receives_dossiers = models.BooleanField(_("tiếp nhận hồ sơ"), default=False)
    one_stop_section = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="served_agencies",
        limit_choices_to={"receives_dossiers": True},
        verbose_name=_("bộ phận một cửa"),
        help_text=_(
            "Nơi tiếp nhận hồ sơ nộp trực tuyến của cơ quan này. Để trống: chính cơ quan nếu cơ quan tiếp nhận "
            "hồ sơ, nếu không thì Trung tâm phục vụ hành chính công của địa bàn (hoặc của cấp trên)."
        ),
    )
    working_periods = models.JSONField(
        _("giờ làm việc"),
        default=default_working_periods,
        help_text=_('Các khoảng giờ làm việc trong ngày, ví dụ [["08:00", "12:00"], ["13:00", "17:00"]].'),
    )
    working_weekdays = models.JSONField(
        _("ngày làm việc trong tuần"),
        default=default_working_weekdays,
        help_text=_("0 = Thứ Hai ... 6 = Chủ nhật."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "vi")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name

    def working_period_times(self) -> list[tuple[time, time]]:
        """The working periods as (start, end) times, in order."""
        return [(time.fromisoformat(start), time.fromisoformat(end)) for start, end in self.working_periods]

    def clean(self) -> None:
        try:
            periods = self.working_period_times()
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                {"working_periods": _('Giờ làm việc phải có dạng [["08:00", "12:00"], ...].')}
            ) from exc
        if not periods:
            raise ValidationError({"working_periods": _("Cần ít nhất một khoảng giờ làm việc.")})
        previous_end = None
        for start, end in periods:
            if start >= end or (previous_end and start < previous_end):
                raise ValidationError(
                    {"working_periods": _("Các khoảng giờ làm việc phải tăng dần và không chồng lên nhau.")}
                )
            previous_end = end
        if not isinstance(self.working_weekdays, list) or not all(
            isinstance(d, int) and 0 <= d <= 6 for d in self.working_weekdays
        ):
            raise ValidationError({"working_weekdays": _("Ngày làm việc là các số từ 0 (Thứ Hai) đến 6.")})
        section = self.one_stop_section
        if (
            section is not None
            and section.pk != self.pk
            and not (section.receives_dossiers and section.is_active)
        ):
            raise ValidationError(
                {"one_stop_section": _("Bộ phận một cửa phải là cơ quan đang hoạt động và tiếp nhận hồ sơ.")}
            )
        if section is not None and section.pk == self.pk and not self.receives_dossiers:
            raise ValidationError(
                {"one_stop_section": _("Cơ quan không tiếp nhận hồ sơ thì không tự làm bộ phận một cửa.")}
            )


class Counter(TimeStampedModel):
    """A receiving desk at an agency's one-stop section."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="counters", verbose_name=_("cơ quan")
    )
    code = models.CharField(_("số quầy"), max_length=20)
    name = models.CharField(_("tên quầy"), max_length=200)
    is_priority = models.BooleanField(
        _("quầy ưu tiên"), default=False, help_text=_("Người cao tuổi, người khuyết tật, phụ nữ mang thai...")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("quầy tiếp nhận")
        verbose_name_plural = _("quầy tiếp nhận")
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="counter_code_unique_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} / {self.code} - {self.name}"
