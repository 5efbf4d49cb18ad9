"""The forms of the feedback page: draft the answer, approve it (and publish), publish it. The page's version
travels in a hidden field, so a page left open while a colleague acted is told to reload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin
from motcua.feedback.services import ANSWER_MAX


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


FORMS = {"draft_answer": DraftAnswerForm, "approve": ApproveForm, "publish": VersionForm}
