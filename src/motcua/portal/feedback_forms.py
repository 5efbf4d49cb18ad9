"""The citizen's feedback form and the rating of an answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin
from motcua.feedback.forms import FeedbackForm
from motcua.feedback.models import Rating

__all__ = ["FeedbackForm", "RatingForm"]


class RatingForm(DescribedFieldsMixin, forms.Form):
    rating = forms.ChoiceField(
        label=_("Bạn có hài lòng với câu trả lời không?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn hài lòng hoặc không hài lòng.")},
    )
