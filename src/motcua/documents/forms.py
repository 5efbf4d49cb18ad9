"""The file field of the pages that attach a document to a dossier (the applicant's upload, the counter's
scan): one form per required component, so each component's errors show beside it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.form_fields import DescribedFieldsMixin


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
