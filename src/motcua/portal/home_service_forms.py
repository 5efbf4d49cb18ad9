"""The citizen's request for home service: one group of closely related questions (who, why, where, when)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import DATE_INPUT_FORMATS
from motcua.core.form_fields import DescribedFieldsMixin
from motcua.dossiers.models import HomeServiceEligibility, VisitWindow


class HomeServiceForm(DescribedFieldsMixin, forms.Form):
    eligibility = forms.ChoiceField(
        label=_("Bạn thuộc đối tượng nào?"),
        choices=HomeServiceEligibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn đối tượng được phục vụ tại nhà.")},
    )
    reason = forms.CharField(
        label=_("Lý do cần phục vụ tại nhà"),
        max_length=1000,
        help_text=_("Ví dụ: tôi 82 tuổi, đi lại khó khăn"),
        error_messages={"required": _("Nêu lý do cần phục vụ tại nhà.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        error_messages={"required": _("Nhập họ và tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        help_text=_("Cán bộ gọi số này để hẹn lịch"),
        error_messages={"required": _("Nhập số điện thoại để cán bộ hẹn lịch.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "class": "input-medium"}),
    )
    address_street = forms.CharField(
        label=_("Số nhà, đường phố"),
        max_length=255,
        error_messages={"required": _("Nhập số nhà, đường phố.")},
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_unit = forms.ChoiceField(
        label=_("Xã, phường"), error_messages={"required": _("Chọn xã, phường nơi bạn ở.")}
    )
    address_province = forms.CharField(
        label=_("Tỉnh, thành phố"),
        max_length=200,
        error_messages={"required": _("Nhập tỉnh, thành phố.")},
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    preferred_date = forms.DateField(
        label=_("Ngày bạn muốn cán bộ đến"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Ngày/tháng/năm, từ ngày mai, ví dụ: 27/03/2026"),
        error_messages={
            "required": _("Nhập ngày bạn muốn cán bộ đến."),
            "invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ: 27/03/2026."),
        },
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input-medium"}),
    )
    preferred_window = forms.ChoiceField(
        label=_("Buổi nào thuận tiện?"),
        choices=VisitWindow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn buổi mong muốn.")},
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address_unit"].choices = [
            ("", _("Chọn xã, phường")),
            *(
                (unit.code, f"{unit.name}, {unit.parent.name}" if unit.parent else unit.name)
                for unit in communes
            ),
        ]

    @staticmethod
    def initial_for(user, communes) -> dict:
        commune = (user.address_commune or "").strip().casefold()
        unit = next((u.code for u in communes if commune and u.name.casefold() == commune), "")
        return {
            "name": user.full_name or user.get_full_name(),
            "phone": user.phone or "",
            "address_street": user.address_street or "",
            "address_unit": unit,
            "address_province": user.address_province or "",
        }
