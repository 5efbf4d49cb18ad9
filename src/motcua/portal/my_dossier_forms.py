"""Forms of the applicant's actions on their own dossier: what is typed, kept as typed; the rules are the
services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin
from motcua.dossiers.models import Rating


class WithdrawForm(DescribedFieldsMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        max_length=2000,
        help_text=_("Ví dụ: Tôi không còn nhu cầu giải quyết thủ tục này."),
        error_messages={"required": _("Nhập lý do rút hồ sơ.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SupplementNoteForm(DescribedFieldsMixin, forms.Form):
    note = forms.CharField(
        label=_("Ghi chú cho cán bộ (không bắt buộc)"),
        max_length=2000,
        required=False,
        help_text=_("Ví dụ: bản chính giấy khai sinh tôi sẽ mang đến khi nhận kết quả."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(DescribedFieldsMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("Bạn có hài lòng với việc giải quyết hồ sơ này không?"),
        choices=Rating.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn mức độ hài lòng của bạn.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến của bạn (không bắt buộc)"),
        max_length=2000,
        required=False,
        help_text=_("Điều gì làm bạn hài lòng, hoặc cần làm tốt hơn."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
