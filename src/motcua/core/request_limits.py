"""Requests over the size and field limits, as application errors (code, Vietnamese and English).

Django refuses a body over `DATA_UPLOAD_MAX_MEMORY_SIZE`, a form with more than `DATA_UPLOAD_MAX_NUMBER_FIELDS`
fields or more than `DATA_UPLOAD_MAX_NUMBER_FILES` files by raising `RequestDataTooBig`, `TooManyFieldsSent` or
`TooManyFilesSent` (each a `SuspiciousOperation`) while the body is read. Left alone they become Django's HTML
400 page; the API answers them in its own error format instead: 413 `request_too_large`, 400 `too_many_fields`,
400 `too_many_files`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent

from .errors import ApplicationError


class RequestTooLarge(ApplicationError):
    status_code = 413
    default_code = "request_too_large"

    def __init__(self, *, max_bytes: int | None) -> None:
        if max_bytes is None:
            super().__init__("Dữ liệu gửi lên quá lớn.", "The request body is too large.")
            return
        if max_bytes >= 1024 * 1024:
            size_vi = size_en = f"{max_bytes / (1024 * 1024):.0f} MB"
        else:
            size_vi, size_en = f"{max_bytes} byte", f"{max_bytes} bytes"
        super().__init__(
            f"Dữ liệu gửi lên quá lớn: tối đa {size_vi}.",
            f"The request body is too large: at most {size_en}.",
            details={"max_bytes": max_bytes},
        )


class TooManyParts(ApplicationError):
    """A form with more fields, or more files, than the limit: 400 `too_many_fields` / `too_many_files`."""

    status_code = 400
    _WORDS = {"fields": ("trường", "fields"), "files": ("tệp", "files")}

    def __init__(self, *, parts: str, limit: int | None) -> None:
        vi, en = self._WORDS[parts]
        super().__init__(
            f"Biểu mẫu gửi lên có quá nhiều {vi} (tối đa {limit}).",
            f"The form sent has too many {en} (at most {limit}).",
            code=f"too_many_{parts}",
            details={f"max_{parts}": limit},
        )


def request_limit_error(exc: BaseException) -> ApplicationError | None:
    """The application error for Django's refusal of a request over a limit; None for any other exception."""
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge(max_bytes=body_limit())
    if isinstance(exc, TooManyFieldsSent):
        return TooManyParts(parts="fields", limit=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
    if isinstance(exc, TooManyFilesSent):
        return TooManyParts(parts="files", limit=settings.DATA_UPLOAD_MAX_NUMBER_FILES)
    return None


def body_limit() -> int | None:
    """Largest body read into memory (JSON, a form's fields), in bytes; None when the operator lifted it."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
