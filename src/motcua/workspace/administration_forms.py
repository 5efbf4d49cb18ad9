"""The forms of the administrators' pages: the officer list's filter (in the URL), a new officer, a role at an
agency, an express lane. Agency choices are the agencies the administrator may act at."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.policy import AdministratorScope
from motcua.accounts.selectors_officers import agencies_administered, grantable_roles
from motcua.catalog.services_express_lanes import LaneData
from motcua.core.form_fields import DescribedFieldsMixin

from .leader_forms import DateInput


def agency_choices(scope: AdministratorScope, *, blank: str) -> list[tuple[str, str]]:
    """The administered agencies by code; the blank choice (`blank`: what it means) only for city-wide ones."""
    choices = [(str(a.pk), f"{a.code} - {a.display_name}") for a in agencies_administered(scope=scope)]
    return ([("", blank)] if scope.citywide else []) + choices


class ScopedAgencyMixin:
    """An `agency` choice field limited to the administrator's agencies; `agency_id()` the chosen one or None."""

    agency_blank = _("Toàn hệ thống")

    def __init__(self, *args, scope: AdministratorScope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = agency_choices(scope, blank=str(self.agency_blank))

    def agency_id(self) -> int | None:
        value = self.cleaned_data.get("agency")
        return int(value) if value else None


class OfficerFilterForm(ScopedAgencyMixin, forms.Form):
    agency_blank = _("Tất cả cơ quan")
    q = forms.CharField(
        label=_("Tìm kiếm"),
        help_text=_("Họ tên, tên đăng nhập hoặc thư điện tử"),
        max_length=100,
        required=False,
    )
    agency = forms.ChoiceField(label=_("Cơ quan"), required=False)

    def __init__(self, *args, scope: AdministratorScope, **kwargs) -> None:
        super().__init__(*args, scope=scope, **kwargs)
        if not scope.citywide:
            self.fields["agency"].choices = [("", str(self.agency_blank)), *self.fields["agency"].choices]


class MembershipForm(ScopedAgencyMixin, DescribedFieldsMixin, forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=grantable_roles)
    agency = forms.ChoiceField(
        label=_("Tại cơ quan"),
        required=False,
        help_text=_("Thanh tra và quản trị toàn hệ thống không gắn với cơ quan nào."),
    )


class OfficerCreateForm(MembershipForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ không dấu, số và các ký tự @ . + - _"),
        error_messages={"required": _("Nhập tên đăng nhập.")},
    )
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150, error_messages={"required": _("Nhập họ và tên.")}
    )
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)

    field_order = ["username", "full_name", "email", "phone", "role", "agency"]


WEEKDAY_CHOICES = [
    ("0", _("Thứ Hai")),
    ("1", _("Thứ Ba")),
    ("2", _("Thứ Tư")),
    ("3", _("Thứ Năm")),
    ("4", _("Thứ Sáu")),
    ("5", _("Thứ Bảy")),
    ("6", _("Chủ nhật")),
]


class ExpressLaneForm(ScopedAgencyMixin, DescribedFieldsMixin, forms.Form):
    agency_blank = _("Mọi nơi tiếp nhận")
    procedure = forms.CharField(
        label=_("Mã thủ tục"),
        max_length=40,
        help_text=_("Ví dụ: 1.001612"),
        error_messages={"required": _("Nhập mã thủ tục.")},
    )
    agency = forms.ChoiceField(label=_("Áp dụng tại"), required=False)
    name = forms.CharField(
        label=_("Tên luồng xanh"),
        max_length=200,
        initial=_("Thứ Sáu xanh"),
        error_messages={"required": _("Nhập tên.")},
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ngày trong tuần"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một ngày trong tuần.")},
    )
    working_minutes = forms.IntegerField(
        label=_("Thời hạn (phút làm việc)"),
        min_value=1,
        help_text=_("Ví dụ: 60"),
        error_messages={"required": _("Nhập thời hạn."), "min_value": _("Thời hạn phải lớn hơn 0.")},
    )
    counter_only = forms.BooleanField(label=_("Chỉ hồ sơ nộp tại quầy"), required=False, initial=True)
    effective_from = forms.DateField(
        label=_("Hiệu lực từ ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=DateInput(),
        help_text=_("Để trống: từ hôm nay"),
    )
    effective_to = forms.DateField(
        label=_("Hiệu lực đến ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=DateInput(),
        help_text=_("Để trống: không thời hạn"),
    )

    @classmethod
    def initial_for(cls, lane) -> dict:
        return {
            "procedure": lane.procedure.code,
            "agency": str(lane.agency_id or ""),
            "name": lane.name,
            "weekdays": [str(day) for day in lane.weekdays],
            "working_minutes": lane.working_minutes,
            "counter_only": lane.counter_only,
            "effective_from": lane.effective_from,
            "effective_to": lane.effective_to,
        }

    def lane_data(self) -> LaneData:
        data = self.cleaned_data
        return LaneData(
            procedure_code=data["procedure"],
            agency_id=self.agency_id(),
            name=data["name"],
            weekdays=data["weekdays"],
            working_minutes=data["working_minutes"],
            counter_only=data["counter_only"],
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
        )
