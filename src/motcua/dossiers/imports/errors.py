"""What is wrong with a line of an import file: its number, the field, a code and a message in vi and en."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from motcua.core.errors import ApplicationError, ValidationFailed


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    code: str
    message_vi: str
    message_en: str

    def as_dict(self, language: str | None = None) -> dict:
        lang = (language or translation.get_language() or "vi")[:2]
        return {
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "message": self.message_en if lang == "en" else self.message_vi,
        }

    def text(self, language: str | None = None) -> str:
        found = self.as_dict(language)
        return f"{found['line']}: {found['field']}: {found['message']} ({found['code']})"


class LineInvalid(Exception):
    """Raised while reading one line; the reader turns it into a LineError with the line's number."""

    def __init__(self, field: str, code: str, vi: str, en: str) -> None:
        super().__init__(en)
        self.field, self.code, self.vi, self.en = field, code, vi, en

    @classmethod
    def from_error(cls, field: str, error: ApplicationError) -> LineInvalid:
        return cls(field, error.code, error.message_vi, error.message_en)


class ImportRejected(ValidationFailed):
    """A batch with at least one invalid line: nothing of it is written."""

    default_code = "import_invalid"

    def __init__(self, errors: list[LineError], *, batch: int | None = None) -> None:
        first = errors[0]
        super().__init__(
            f"Tệp nhập có {len(errors)} lỗi; không hồ sơ nào của lô được ghi. Lỗi đầu tiên ở dòng {first.line}, "
            f"trường {first.field}: {first.message_vi}",
            f"The import has {len(errors)} error(s); no dossier of the batch was written. First error at line "
            f"{first.line}, field {first.field}: {first.message_en}",
            details={"errors": [e.as_dict() for e in errors]},
        )
        self.errors = errors
        self.batch = batch

    def as_dict(self, language: str | None = None) -> dict:
        answer = super().as_dict(language)
        answer["details"] = {"errors": [e.as_dict(language) for e in self.errors]}
        return answer
