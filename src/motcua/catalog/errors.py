"""Expected failures of the catalog, each with a Vietnamese and an English message."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from motcua.core.errors import Conflict, NotFound, ValidationFailed


def is_english(language: str | None) -> bool:
    return (language or translation.get_language() or "vi")[:2] == "en"


class ProcedureNotFound(NotFound):
    default_code = "procedure_not_found"
    default_message_vi = "Không tìm thấy thủ tục hành chính đang áp dụng."
    default_message_en = "No procedure in force was found."

    @classmethod
    def for_code(cls, code: str) -> ProcedureNotFound:
        return cls(
            f"Không tìm thấy thủ tục hành chính đang áp dụng có mã {code}.",
            f"No procedure in force has the code {code}.",
            details={"procedure_code": code},
        )


class CompetentAgencyNotFound(ValidationFailed):
    default_code = "competent_agency_not_found"
    default_message_vi = "Không xác định được cơ quan có thẩm quyền giải quyết thủ tục này."
    default_message_en = "The competent agency for this procedure could not be determined."


class VersionNotDraft(Conflict):
    default_code = "version_not_draft"
    default_message_vi = "Chỉ bản nháp mới được sửa hoặc công bố."
    default_message_en = "Only a draft can be changed or published."


class PublishValidationFailed(ValidationFailed):
    """Publishing refused; `details` lists every problem as {"field", "message"} in the caller's language."""

    default_code = "procedure_version_invalid"
    default_message_vi = "Phiên bản thủ tục chưa hợp lệ, chưa thể công bố."
    default_message_en = "The procedure version is not valid and cannot be published yet."

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        self.problems = problems
        super().__init__(details=problems)

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        data = super().as_dict(language)
        key = "message_en" if is_english(language) else "message_vi"
        data["details"] = [{"field": p["field"], "message": p[key]} for p in self.problems]
        return data


class ImportFailed(ValidationFailed):
    """Nothing was imported; `errors` lists (sheet, row, column, vi, en) for every rejected cell or row."""

    default_code = "catalog_import_failed"
    default_message_vi = "Không nhập được danh mục: có lỗi trong tệp. Chưa có thay đổi nào được lưu."
    default_message_en = "The catalog was not imported: the file has errors. Nothing was saved."

    def __init__(self, errors: list[Any]) -> None:
        self.errors = errors
        super().__init__(details=None)

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        data = super().as_dict(language)
        data["details"] = [e.as_dict(english=is_english(language)) for e in self.errors]
        return data
