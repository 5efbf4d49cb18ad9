"""One family of application errors: a machine-readable code, a message in Vietnamese and English.

Domain services raise these; the API turns them into `{"code", "message", "details"}` with the right 4xx,
and web pages show the message in the user's language.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation


class ApplicationError(Exception):
    """Base of every expected failure. Subclasses set the HTTP status and a default code."""

    status_code = 400
    default_code = "invalid"
    default_message_vi = "Yêu cầu không hợp lệ."
    default_message_en = "The request is not valid."

    def __init__(
        self,
        message_vi: str | None = None,
        message_en: str | None = None,
        *,
        code: str | None = None,
        details: Any = None,
    ) -> None:
        self.code = code or self.default_code
        self.message_vi = message_vi or self.default_message_vi
        self.message_en = message_en or (self.default_message_en if message_vi is None else self.message_vi)
        self.details = details
        super().__init__(self.message_en)

    def message(self, language: str | None = None) -> str:
        lang = (language or translation.get_language() or "vi")[:2]
        return self.message_en if lang == "en" else self.message_vi

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        return {"code": self.code, "message": self.message(language), "details": self.details}


class ValidationFailed(ApplicationError):
    status_code = 400
    default_code = "validation_failed"
    default_message_vi = "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."
    default_message_en = "Some data is not valid; please check it."


class NotAuthenticated(ApplicationError):
    status_code = 401
    default_code = "not_authenticated"
    default_message_vi = "Vui lòng đăng nhập."
    default_message_en = "Please sign in."


class PermissionDenied(ApplicationError):
    status_code = 403
    default_code = "permission_denied"
    default_message_vi = "Bạn không có quyền thực hiện thao tác này."
    default_message_en = "You are not allowed to do this."


class NotFound(ApplicationError):
    status_code = 404
    default_code = "not_found"
    default_message_vi = "Không tìm thấy."
    default_message_en = "Not found."


class Conflict(ApplicationError):
    status_code = 409
    default_code = "conflict"
    default_message_vi = "Thao tác xung đột với trạng thái hiện tại."
    default_message_en = "This conflicts with the current state."


class ActionNotAllowed(Conflict):
    default_code = "action_not_allowed"
    default_message_vi = "Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ."
    default_message_en = "This action is not allowed in the dossier's current state."


class StaleVersion(Conflict):
    default_code = "stale_version"
    default_message_vi = "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại."
    default_message_en = "The dossier was just changed by someone else. Reload and try again."
