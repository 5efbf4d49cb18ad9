"""The queue page's filters, kept in the URL."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.dossiers.models import Status
from motcua.dossiers.queues import QUEUE_STATUSES, Cursor, Filters, Queue, QueueTiming


class QueueFilterForm(forms.Form):
    queue = forms.ChoiceField(label=_("Hàng đợi"), choices=Queue.choices, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))]
        + [(s.value, s.label) for s in Status if any(s in held for held in QUEUE_STATUSES.values())],
        required=False,
    )
    timing = forms.ChoiceField(
        label=pgettext_lazy("timing", "Thời hạn"),
        choices=[("", _("Tất cả")), *QueueTiming.choices],
        required=False,
    )
    procedure = forms.CharField(label=_("Mã thủ tục"), max_length=50, required=False)
    q = forms.CharField(
        label=_("Tìm kiếm"),
        help_text=_("Mã hồ sơ, họ tên người nộp hoặc số định danh cá nhân"),
        max_length=100,
        required=False,
    )
    after = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def clean_after(self) -> Cursor | None:
        raw = self.cleaned_data["after"]
        if not raw:
            return None
        cursor = Cursor.decode(raw)
        if cursor is None:
            raise forms.ValidationError(_("Vị trí trang không hợp lệ; hãy quay lại trang đầu."))
        return cursor

    def clean_queue(self) -> str:
        return self.cleaned_data["queue"] or Queue.AGENCY

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(status=data["status"], timing=data["timing"], procedure=data["procedure"], q=data["q"])
