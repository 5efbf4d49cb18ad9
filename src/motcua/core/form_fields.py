"""Form helpers shared by the web pages: fields that announce their hint and error to screen readers, and
application errors shown beside the field they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .errors import ApplicationError


class DescribedFieldsMixin:
    """Each widget points at its hint and error messages (`aria-describedby`) and says when it is invalid, as
    `components/field.html` renders them (`<id>-hint`, `<id>-error`)."""

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.id_for_label}-hint")
            if name in self.errors:
                ids.append(f"{bound.id_for_label}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


def add_application_error(
    form: forms.Form, error: ApplicationError, *, default_field: str | None = None
) -> None:
    """Put each message of `error.details` beside its field (unless the form already found that field wrong);
    the rest (or the message) on `default_field`."""
    placed = False
    details = error.details if isinstance(error.details, dict) else {}
    for field, messages in details.items():
        if field in form.fields and isinstance(messages, list):
            placed = True
            if field in form.errors:
                continue
            for message in messages:
                form.add_error(field, str(message))
    if not placed:
        form.add_error(default_field, error.message())
    if isinstance(form, DescribedFieldsMixin):
        form.describe_fields()


def place_error(
    form: forms.Form, error: ApplicationError, field_of: dict[str, str], default: str | None
) -> None:
    """The error's message (in the user's language) beside the first field its details name (through `field_of`,
    a service's name -> the form's field), else on `default`."""
    details = error.details if isinstance(error.details, dict) else {}
    fields = [field_of[key] for key in details if key in field_of]
    form.add_error(fields[0] if fields else default, error.message())
    if isinstance(form, DescribedFieldsMixin):
        form.describe_fields()


def posted_version(request) -> int | None:
    """The version of the record the page showed (its hidden `version` field), or None when it is missing or not
    a number (the service then answers "someone changed this, reload")."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


class CancelReasonForm(DescribedFieldsMixin, forms.Form):
    """Why a request is cancelled (one required line), for the citizen's and the officer's pages alike."""

    reason = forms.CharField(
        label=_("Lý do hủy yêu cầu"),
        max_length=500,
        error_messages={"required": _("Nêu lý do hủy.")},
    )
