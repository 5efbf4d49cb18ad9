"""Form helpers shared by the web pages: fields that announce their hint and error to screen readers, and
application errors shown beside the field they name."""

from __future__ import annotations

from django import forms

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


def place_application_error(
    form: forms.Form, error: ApplicationError, field_of: dict[str, str], default: str | None
) -> None:
    """The error's message (in the user's language) beside the first field its details name (`field_of` maps
    the service's names to the form's), else on `default`."""
    details = error.details if isinstance(error.details, dict) else {}
    fields = [field_of[key] for key in details if key in field_of]
    form.add_error(fields[0] if fields else default, error.message())
    if isinstance(form, DescribedFieldsMixin):
        form.describe_fields()
