from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin


class LookupForm(DescribedFieldsMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=64,
        help_text=_("In trên giấy tiếp nhận hồ sơ, ví dụ: HN.TTPVHCC-260105-0001"),
        error_messages={"required": _("Nhập mã hồ sơ in trên giấy tiếp nhận.")},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "characters"}),
    )
    secret = forms.CharField(
        label=_("Mã tra cứu (không bắt buộc)"),
        max_length=32,
        required=False,
        help_text=_("Có mã tra cứu trên giấy tiếp nhận, bạn xem được cả quá trình xử lý hồ sơ."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off", "class": "input-medium"}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()

    def clean_secret(self) -> str:
        return "".join(self.cleaned_data["secret"].split())
