"""Forms of the personal document store's pages and of the reuse choice in the submission wizard."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import DATE_INPUT_FORMATS
from motcua.core.form_fields import DescribedFieldsMixin

UPLOAD_ACCEPT = "application/pdf,image/jpeg,image/png,image/heic,image/heif,.heic,.heif"


def _date_field(label, example_error):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Ngày/tháng/năm, ví dụ: 27/03/2024"),
        error_messages={"invalid": example_error},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"class": "input-medium"}),
    )


class PersonalDocumentForm(DescribedFieldsMixin, forms.Form):
    title = forms.CharField(
        label=_("Tên giấy tờ"),
        max_length=300,
        help_text=_("Ví dụ: Thẻ căn cước của Nguyễn Văn An"),
        error_messages={"required": _("Nhập tên giấy tờ.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại giấy tờ"),
        required=False,
        help_text=_("Chọn đúng loại để dùng lại được khi nộp hồ sơ cần giấy tờ loại này."),
    )
    issuer = forms.CharField(label=_("Cơ quan cấp"), max_length=300, required=False)
    issued_on = _date_field(_("Ngày cấp"), _("Nhập ngày cấp theo dạng ngày/tháng/năm, ví dụ: 27/03/2024."))
    valid_until = _date_field(
        _("Có giá trị đến (nếu có)"), _("Nhập ngày hết giá trị theo dạng ngày/tháng/năm, ví dụ: 27/03/2034.")
    )
    file = forms.FileField(
        label=_("Tệp giấy tờ"),
        help_text=_("PDF, JPEG, PNG hoặc ảnh HEIC chụp từ điện thoại"),
        allow_empty_file=True,  # the upload checks refuse it, with their reason
        error_messages={
            "required": _("Chọn tệp để tải lên."),
            "invalid": _("Không đọc được tệp; hãy chọn lại tệp."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Giấy tờ khác")), *kinds]


class ReuseForm(DescribedFieldsMixin, forms.Form):
    """One of my stored documents for a component (a radio list: works without JavaScript)."""

    personal_document = forms.TypedChoiceField(
        label=_("Chọn từ kho giấy tờ"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn một giấy tờ trong kho để dùng lại."),
            "invalid_choice": _("Chọn một giấy tờ trong kho để dùng lại."),
        },
    )

    def __init__(self, *args, component_code: str, documents, **kwargs):
        kwargs.setdefault("prefix", f"reuse-{component_code}")
        super().__init__(*args, **kwargs)
        self.fields["personal_document"].choices = [(d.pk, d.title) for d in documents]
        self.documents = list(documents)
