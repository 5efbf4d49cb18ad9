"""The officer's forms for a home-service request: the visit's date and time, and a cancellation's reason."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import DATE_INPUT_FORMATS
from motcua.core import clock
from motcua.core.form_fields import DescribedFieldsMixin


class ScheduleForm(DescribedFieldsMixin, forms.Form):
    visit_date = forms.DateField(
        label=_("Ngày đến"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Ngày/tháng/năm, ví dụ: 27/03/2026"),
        error_messages={
            "required": _("Nhập ngày đến."),
            "invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ: 27/03/2026."),
        },
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input-medium"}),
    )
    visit_time = forms.TimeField(
        label=_("Giờ đến"),
        input_formats=["%H:%M", "%Hh%M", "%H giờ %M"],
        help_text=_("Giờ:phút, ví dụ: 14:30"),
        error_messages={
            "required": _("Nhập giờ đến."),
            "invalid": _("Nhập giờ theo dạng giờ:phút, ví dụ: 14:30."),
        },
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "input-medium"}),
    )
    note = forms.CharField(label=_("Ghi chú (không bắt buộc)"), max_length=500, required=False)

    def visit_at(self) -> datetime:
        """The visit as an aware moment, read in Vietnam's time."""
        data = self.cleaned_data
        return datetime.combine(data["visit_date"], data["visit_time"], tzinfo=clock.LOCAL_TZ)
