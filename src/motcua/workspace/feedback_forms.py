"""The forms of the feedback page: draft the answer, approve it (and publish), publish it. The page's version
travels in a hidden field, so a page left open while a colleague acted is told to reload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin
from motcua.feedback.forms import FeedbackForm
from motcua.feedback.services import ANSWER_MAX, NOTE_MAX


class VersionForm(DescribedFieldsMixin, forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class DraftAnswerForm(VersionForm):
    answer = forms.CharField(
        label=_("Nội dung trả lời"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Nhập nội dung trả lời.")},
    )


class ApproveForm(VersionForm):
    answer = forms.CharField(
        label=_("Nội dung trả lời (sửa nếu cần)"),
        max_length=ANSWER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Để nguyên: duyệt đúng như dự thảo."),
    )
    publish = forms.BooleanField(
        label=_("Công khai câu trả lời trên Cổng (không kèm thông tin cá nhân)"), required=False
    )


class SendBackForm(VersionForm):
    note = forms.CharField(
        label=_("Điều cần sửa trong dự thảo"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Chuyên viên thấy ghi chú này khi sửa dự thảo."),
        error_messages={"required": _("Nêu điều cần sửa trong dự thảo.")},
    )


FORMS = {
    "draft_answer": DraftAnswerForm,
    "send_back": SendBackForm,
    "approve": ApproveForm,
    "publish": VersionForm,
}


class CounterFeedbackForm(FeedbackForm):
    """A citizen's feedback taken at the counter: their name, how to reach them, and their consent."""

    dossier = None
    contact_name = forms.CharField(
        label=_("Họ và tên người phản ánh"),
        max_length=150,
        error_messages={"required": _("Nhập họ và tên người phản ánh.")},
    )
    procedure = forms.CharField(
        label=_("Mã thủ tục (nếu phản ánh về một thủ tục)"),
        max_length=40,
        required=False,
        help_text=_("Có mã thủ tục: gửi đến cơ quan có thẩm quyền của thủ tục."),
    )
    on_behalf_consent = forms.BooleanField(
        label=_("Người phản ánh đồng ý để cán bộ nhập và gửi phản ánh, kiến nghị này thay họ"),
        error_messages={"required": _("Cần ghi nhận sự đồng ý của người phản ánh.")},
    )

    field_order = [
        "contact_name",
        "contact_phone",
        "contact_email",
        "kind",
        "procedure",
        "agency",
        "subject",
        "content",
        "on_behalf_consent",
    ]
