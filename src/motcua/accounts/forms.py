from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from motcua.core.client_address import client_address
from motcua.core.form_fields import DescribedFieldsMixin
from motcua.core.identity import Sex

from .errors import SignInLocked
from .services_applicants import sign_in_name
from .throttle import ensure_sign_in_open


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Số điện thoại, thư điện tử hoặc tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản chưa được xác minh. Vui lòng kiểm tra và "
            "nhập lại."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    #: Seconds to wait when signing in is locked for this account or address (the view answers 429).
    retry_after: int | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is not None and self.cleaned_data.get("password"):
            address = client_address(self.request) if self.request is not None else None
            try:
                ensure_sign_in_open(username=sign_in_name(username), address=address)
            except SignInLocked as locked:
                self.retry_after = locked.retry_after
                raise forms.ValidationError(locked.message(), code=locked.code) from None
        return super().clean()


class SignUpForm(DescribedFieldsMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        required=False,
        help_text=_("Như trên căn cước, ví dụ: Nguyễn Văn An"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    identifier = forms.CharField(
        label=_("Số điện thoại di động hoặc thư điện tử"),
        max_length=254,
        help_text=_(
            "Chúng tôi gửi mã xác minh đến số điện thoại hoặc địa chỉ này. Bạn sẽ đăng nhập bằng nó."
        ),
        error_messages={"required": _("Nhập số điện thoại di động hoặc địa chỉ thư điện tử.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        help_text=_(
            "Ít nhất 8 ký tự; không dùng mật khẩu quá phổ biến hoặc giống tên, số điện thoại của bạn."
        ),
        error_messages={"required": _("Nhập mật khẩu.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )


def _code_field(*, label, required) -> forms.CharField:
    """A 6-digit code sent by SMS or email (phones offer it from the message: `one-time-code`)."""
    return forms.CharField(
        label=label,
        max_length=12,
        help_text=_("Mã gồm 6 chữ số, có hiệu lực trong 10 phút."),
        error_messages={"required": required},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input-short"}
        ),
    )


class VerifyForm(DescribedFieldsMixin, forms.Form):
    code = _code_field(label=_("Mã xác minh"), required=_("Nhập mã xác minh gồm 6 chữ số."))


class PasswordResetRequestForm(DescribedFieldsMixin, forms.Form):
    identifier = forms.CharField(
        label=_("Số điện thoại di động hoặc thư điện tử"),
        max_length=254,
        help_text=_("Số điện thoại hoặc thư điện tử bạn dùng để đăng nhập."),
        error_messages={"required": _("Nhập số điện thoại di động hoặc địa chỉ thư điện tử.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )


class PasswordResetForm(DescribedFieldsMixin, forms.Form):
    code = _code_field(
        label=_("Mã đặt lại mật khẩu"), required=_("Nhập mã gồm 6 chữ số đã được gửi đến bạn.")
    )
    password = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        help_text=SignUpForm.base_fields["password"].help_text,
        error_messages={"required": _("Nhập mật khẩu mới.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )


DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class PersonDetailsForm(DescribedFieldsMixin, forms.Form):
    """A person's details as the profile, the online application and the counter ask for them: one definition
    of each field, its formats and its messages. The name field differs by page, so subclasses declare it."""

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
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "class": "input-medium"}),
    )
    email = forms.CharField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ProfileForm(PersonDetailsForm):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["full_name", *PersonDetailsForm.base_fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].widget.attrs["autocomplete"] = "bday"  # one's own birthday

    def values(self) -> dict:
        """What was typed and understood, field by field (empty where the field is wrong)."""
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or (None if name == "birth_date" else "") for name in self.fields}

    @classmethod
    def initial_for(cls, user) -> dict:
        return {name: getattr(user, name) for name in cls.base_fields}


class PersonForm(PersonDetailsForm):
    """The applicant of a dossier, as typed: by the applicant online, or by a counter officer for them. Values
    are kept as typed; the dossier services check them (`ApplicantData.from_values(form.cleaned_data)`)."""

    name = forms.CharField(
        label=_("Họ và tên người nộp hồ sơ"),
        max_length=150,
        help_text=_("Như trên căn cước, ví dụ: Nguyễn Văn An"),
        error_messages={"required": _("Nhập họ và tên người nộp hồ sơ.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Nhập địa chỉ thư điện tử đúng dạng, ví dụ: an@example.vn.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    field_order = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _("Để nhận thông báo về hồ sơ; nhập số điện thoại hoặc thư điện tử.")

    @staticmethod
    def initial_for(dossier) -> dict:
        return {
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
