"""Expected failures of feedback handling, each with a Vietnamese and an English message."""

from motcua.core.errors import ActionNotAllowed, NotFound, StaleVersion, ValidationFailed


class FeedbackNotFound(NotFound):
    default_code = "feedback_not_found"
    default_message_vi = "Không tìm thấy phản ánh, kiến nghị."
    default_message_en = "Feedback not found."


class FeedbackActionNotAllowed(ActionNotAllowed):
    default_message_vi = "Không thể thực hiện thao tác này ở trạng thái hiện tại của phản ánh, kiến nghị."
    default_message_en = "This action is not allowed in the feedback's current state."


class FeedbackStale(StaleVersion):
    default_message_vi = "Phản ánh, kiến nghị vừa được người khác cập nhật. Vui lòng tải lại và thử lại."
    default_message_en = "The feedback was just changed by someone else. Reload and try again."


def invalid(field: str, vi: str, en: str, code: str) -> ValidationFailed:
    """Input refused, with the message beside the field it names."""
    return ValidationFailed(vi, en, code=code, details={field: [vi]})
