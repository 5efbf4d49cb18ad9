"""Forms of the online submission pages: what is typed, kept as typed; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import DATE_INPUT_FORMATS
from motcua.core.form_fields import DescribedFieldsMixin
from motcua.core.identity import Sex
from motcua.dossiers.models import OnBehalfRelationship, ResultDelivery

FOR_SELF = "self"
FOR_OTHER = "other"


class ApplicantForm(DescribedFieldsMixin, forms.Form):
    filing_for = forms.ChoiceField(
        label=_("Bạn nộp hồ sơ cho ai?"),
        choices=[(FOR_SELF, _("Cho chính tôi")), (FOR_OTHER, _("Nộp thay người khác"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn nộp cho chính bạn hay nộp thay người khác.")},
    )
    relationship = forms.ChoiceField(
        label=_("Quan hệ của bạn với người nộp hồ sơ"),
        required=False,
        choices=[("", _("Chọn quan hệ")), *OnBehalfRelationship.choices],
        help_text=_("Chỉ điền khi nộp thay người khác."),
    )
    consent = forms.BooleanField(
        label=_("Tôi xác nhận người nộp hồ sơ đã đồng ý để tôi nộp thay"),
        required=False,
    )
    name = forms.CharField(
        label=_("Họ và tên người nộp hồ sơ"),
        max_length=150,
        help_text=_("Như trên căn cước, ví dụ: Nguyễn Văn An"),
        error_messages={"required": _("Nhập họ và tên người nộp hồ sơ.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    personal_id = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=20,
        required=False,
        help_text=_("12 chữ số, in trên thẻ căn cước"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-medium"}),
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Ngày/tháng/năm, ví dụ: 27/03/1985"),
        error_messages={"invalid": _("Nhập ngày sinh theo dạng ngày/tháng/năm, ví dụ: 27/03/1985.")},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input-medium"}),
    )
    sex = forms.ChoiceField(
        label=_("Giới tính"), required=False, choices=[("", _("Chưa chọn")), *Sex.choices]
    )
    address_street = forms.CharField(
        label=_("Số nhà, đường phố"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_commune = forms.CharField(
        label=_("Xã, phường"), max_length=200, required=False, help_text=_("Ví dụ: Phường Hoàn Kiếm")
    )
    address_province = forms.CharField(
        label=_("Tỉnh, thành phố"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        help_text=_("Để nhận thông báo về hồ sơ; nhập số điện thoại hoặc thư điện tử."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "class": "input-medium"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Nhập địa chỉ thư điện tử đúng dạng, ví dụ: an@example.vn.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("filing_for") == FOR_OTHER:
            if not data.get("relationship"):
                self.add_error("relationship", _("Chọn quan hệ của bạn với người nộp hồ sơ."))
            if not data.get("consent"):
                self.add_error("consent", _("Xác nhận người nộp hồ sơ đã đồng ý để bạn nộp thay."))
        return data

    @staticmethod
    def initial_for(dossier) -> dict:
        return {
            "filing_for": FOR_OTHER if dossier.on_behalf_consent else FOR_SELF,
            "relationship": dossier.on_behalf_relationship,
            "consent": dossier.on_behalf_consent,
            "name": dossier.applicant_name,
            "personal_id": dossier.applicant_personal_id,
            "birth_date": dossier.applicant_birth_date,
            "sex": dossier.applicant_sex,
            "address_street": dossier.address_street,
            "address_commune": dossier.address_unit_text,
            "address_province": dossier.address_province,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
        }


class DocumentUploadForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Chọn tệp"),
        allow_empty_file=True,  # the upload checks refuse it, with their reason
        error_messages={
            "required": _("Chọn tệp để tải lên."),
            "empty": _("Tệp tải lên bị rỗng."),
            "invalid": _("Không đọc được tệp; hãy chọn lại tệp."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/heic,image/heif,.heic,.heif"}
        ),
    )

    def __init__(self, *args, component_code: str, **kwargs):
        kwargs.setdefault("prefix", f"doc-{component_code}")
        super().__init__(*args, **kwargs)


class ResultDeliveryForm(DescribedFieldsMixin, forms.Form):
    delivery = forms.ChoiceField(
        label=_("Bạn muốn nhận kết quả bằng cách nào?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn cách nhận kết quả."),
            "invalid_choice": _("Chọn một cách nhận kết quả mà thủ tục này cho phép."),
        },
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = [(v, ResultDelivery(v).label) for v in allowed]


PAY_ONLINE = "online"
PAY_AT_COUNTER = "counter"


class FeeChoiceForm(DescribedFieldsMixin, forms.Form):
    how = forms.ChoiceField(
        label=_("Bạn muốn nộp phí, lệ phí bằng cách nào?"),
        widget=forms.RadioSelect,
        choices=[
            (PAY_ONLINE, _("Nộp trực tuyến ngay")),
            (PAY_AT_COUNTER, _("Nộp tại bộ phận một cửa khi hồ sơ được tiếp nhận")),
        ],
        error_messages={"required": _("Chọn nộp trực tuyến ngay hay nộp tại bộ phận một cửa.")},
    )
