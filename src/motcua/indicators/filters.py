"""The small GET form of the indicator pages: a period (quarter or month; the running quarter by default) and,
for rankings, the level of agencies compared. Filters stay in the URL, so every view can be linked to."""

from __future__ import annotations

import contextlib
from datetime import date

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed
from motcua.core.form_fields import DescribedFieldsMixin

from .dashboard import LEVELS
from .periods import Period, parse_period, quarter_of, recent_periods

LEVEL_CHOICES = [
    ("all", _("Tất cả cơ quan")),
    ("department", _("Các sở, ban, ngành")),
    ("commune", _("UBND xã, phường")),
    ("provider", _("Đơn vị cung cấp dịch vụ công")),
]
assert [code for code, _label in LEVEL_CHOICES] == list(LEVELS)


def period_name(period: Period) -> str:
    """ "Quý 4/2026", "Tháng 10/2026"; any other period by its label."""
    label = period.label
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return gettext("Quý %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
    if len(label) == 7 and label[4] == "-":
        return gettext("Tháng %(month)s/%(year)s") % {"month": label[5:], "year": label[:4]}
    return label


class IndicatorFilterForm(DescribedFieldsMixin, forms.Form):
    period = forms.CharField(label=_("Kỳ"), required=False, max_length=40, widget=forms.Select)
    level = forms.ChoiceField(label=_("Cấp cơ quan"), required=False, choices=LEVEL_CHOICES)

    def __init__(self, data, *, today: date, with_level: bool = False, default_level: str = "all"):
        super().__init__(data)
        self.today = today
        self.default_level = default_level
        if not with_level:
            del self.fields["level"]
        offered = recent_periods(today)
        chosen = (data.get("period") or "").strip().upper()
        labels = {p.label for p in offered}
        if chosen and chosen not in labels:
            with contextlib.suppress(ValidationFailed):
                offered.insert(0, parse_period(chosen))
        self.fields["period"].widget.choices = [(p.label, period_name(p)) for p in offered]
        # The running quarter is shown selected when the URL names no period.
        self.initial = {"period": quarter_of(today).label, "level": default_level}
        if not chosen:
            self.data = data.copy()
            self.data["period"] = quarter_of(today).label
        if with_level and not data.get("level"):
            self.data = self.data.copy()
            self.data["level"] = default_level

    def clean_period(self) -> Period:
        value = self.cleaned_data["period"] or quarter_of(self.today).label
        try:
            return parse_period(value)
        except ValidationFailed as error:
            raise forms.ValidationError(error.message()) from error

    def clean_level(self) -> str:
        return self.cleaned_data["level"] or self.default_level
