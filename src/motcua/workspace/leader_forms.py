"""The forms of the leaders' pages: the deadline lists' filter (in the URL) and the tracking book's date range."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.dossiers.queues import Cursor, QueueTiming

from .forms import QueueFilterForm

DEADLINE_TIMINGS = [
    (QueueTiming.OVERDUE.value, QueueTiming.OVERDUE.label),
    (QueueTiming.DUE_SOON.value, QueueTiming.DUE_SOON.label),
]


class DeadlineListForm(forms.Form):
    timing = forms.ChoiceField(label=_("Danh sách"), choices=DEADLINE_TIMINGS, required=False)
    after = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    clean_after = QueueFilterForm.clean_after

    def clean_timing(self) -> str:
        return self.cleaned_data["timing"] or QueueTiming.OVERDUE

    def cursor(self) -> Cursor | None:
        return self.cleaned_data["after"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TrackingBookForm(forms.Form):
    """Which agency's book, for which days (dd/mm/yyyy or the browser's date picker)."""

    agency = forms.ChoiceField(label=_("Cơ quan"))
    start = forms.DateField(
        label=_("Từ ngày"),
        help_text=_("Ví dụ: 01/12/2026"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    end = forms.DateField(
        label=_("Đến ngày"),
        help_text=_("Ví dụ: 31/12/2026"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args, agencies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(agency.code, agency.display_name) for agency in agencies]
        today = clock.today()
        self.fields["start"].initial = today.replace(day=1)
        self.fields["end"].initial = today
