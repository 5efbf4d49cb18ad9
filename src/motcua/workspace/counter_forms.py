"""Forms of the counter intake pages: what the officer types, kept as typed; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import PersonForm
from motcua.catalog.models import Channel
from motcua.core.form_fields import DescribedFieldsMixin
from motcua.dossiers.services import CounterDecision

# The ways an officer enters a dossier (online is the applicant's own).
OFFICER_CHANNELS = (Channel.COUNTER, Channel.POSTAL, Channel.HOME)
NOT_RECEIVED = "none"
ORIGINAL = "original"
COPY = "copy"


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tên hoặc mã thủ tục"),
        max_length=100,
        required=False,
        help_text=_("Gõ có dấu hoặc không dấu, ví dụ: ly lich tu phap"),
    )


class CounterApplicantForm(PersonForm):
    """The applicant's details as on the online form, plus how the dossier came in and the applicant's consent
    to the officer entering it. The channel is chosen once, when the draft is made."""

    field_order = ["channel", "consent", "name"]

    channel = forms.ChoiceField(
        label=_("Hồ sơ nộp qua"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn cách thức nộp hồ sơ.")},
    )
    consent = forms.BooleanField(
        label=_("Người nộp đồng ý để cán bộ nhập hồ sơ thay"),
        required=False,
        help_text=_("Hỏi người nộp trước khi nhập; sự đồng ý được ghi vào nhật ký hồ sơ."),
    )

    def __init__(self, *args, channels: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if channels is None:
            del self.fields["channel"]
        else:
            self.fields["channel"].choices = [(c, Channel(c).label) for c in channels]


class ChecklistForm(DescribedFieldsMixin, forms.Form):
    """One question per required component: was its paper received, as an original or as a copy?"""

    def __init__(self, *args, components, **kwargs):
        super().__init__(*args, **kwargs)
        self.components = components
        for component in components:
            self.fields[self.field_name(component)] = forms.ChoiceField(
                label=component.display_name,
                choices=[
                    (ORIGINAL, _("Đã nhận bản chính")),
                    (COPY, _("Đã nhận bản sao")),
                    (NOT_RECEIVED, _("Chưa có")),
                ],
                initial=NOT_RECEIVED,
                widget=forms.RadioSelect,
                required=False,
            )

    @staticmethod
    def field_name(component) -> str:
        return f"component-{component.pk}"

    def ticks(self) -> dict[str, str]:
        """Component code -> original or copy, for the components received on paper."""
        return {
            c.code: self.cleaned_data[self.field_name(c)]
            for c in self.components
            if self.cleaned_data.get(self.field_name(c)) in (ORIGINAL, COPY)
        }

    @classmethod
    def initial_for(cls, components, ticks: dict[str, str]) -> dict[str, str]:
        return {cls.field_name(c): ticks.get(c.code, NOT_RECEIVED) for c in components}


class DecisionForm(DescribedFieldsMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Kết quả kiểm tra hồ sơ"),
        choices=[
            (CounterDecision.RECEIVE, _("Hồ sơ đầy đủ: tiếp nhận và in giấy tiếp nhận, hẹn trả kết quả")),
            (CounterDecision.GUIDE, _("Hồ sơ chưa đầy đủ: hướng dẫn bổ sung, hoàn thiện (mẫu 02)")),
            (CounterDecision.REFUSE, _("Từ chối tiếp nhận, nêu rõ lý do (mẫu 03)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn tiếp nhận, hướng dẫn bổ sung hay từ chối.")},
    )
    items = forms.CharField(
        label=_("Giấy tờ, nội dung khác cần bổ sung (mỗi dòng một mục)"),
        help_text=_("Các thành phần bắt buộc chưa có được liệt kê tự động."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reasons = forms.CharField(
        label=_("Lý do từ chối"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=1000, required=False)

    def item_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
