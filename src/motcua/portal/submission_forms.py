"""Forms of the online submission pages: what is typed, kept as typed; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import PersonForm
from motcua.core.form_fields import DescribedFieldsMixin
from motcua.dossiers.models import OnBehalfRelationship, ResultDelivery

FOR_SELF = "self"
FOR_OTHER = "other"


class ApplicantForm(PersonForm):
    field_order = [
        "filing_for",
        "relationship",
        "consent",
        "name",
    ]  # the error summary follows the page's order

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
            **PersonForm.initial_for(dossier),
        }


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
