"""The feedback form, shared by the citizen's page and the counter officer's (who adds the citizen's name and
consent)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin

from .models import Kind
from .services import CONTENT_MAX, SUBJECT_MAX


class FeedbackForm(DescribedFieldsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Phản ánh: về việc đã xảy ra (chậm, sai, nhũng nhiễu). Kiến nghị: đề xuất cách làm tốt hơn."
        ),
        error_messages={"required": _("Chọn phản ánh hoặc kiến nghị.")},
    )
    agency = forms.ChoiceField(
        label=_("Cơ quan nhận phản ánh, kiến nghị"),
        choices=[],
        required=False,
    )
    subject = forms.CharField(
        label=_("Tiêu đề"),
        max_length=SUBJECT_MAX,
        error_messages={"required": _("Nhập tiêu đề, ví dụ: Chậm trả kết quả.")},
    )
    content = forms.CharField(
        label=_("Nội dung"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Việc gì, ở đâu, khi nào. Không cần ghi số định danh cá nhân."),
        error_messages={"required": _("Nhập nội dung phản ánh, kiến nghị.")},
    )
    contact_phone = forms.CharField(
        label=_("Số điện thoại nhận thông báo (không bắt buộc)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "input-medium"}),
    )
    contact_email = forms.EmailField(
        label=_("Thư điện tử nhận thông báo (không bắt buộc)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Nhập địa chỉ thư điện tử đúng dạng, ví dụ: ten@example.vn")},
    )
    dossier = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    procedure = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("Chọn cơ quan"))] + [
            (agency.code, agency.display_name) for agency in agencies
        ]
