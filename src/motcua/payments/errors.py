"""Expected failures of payments, each with a Vietnamese and an English message."""

from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class PaymentNotFound(NotFound):
    default_code = "payment_not_found"
    default_message_vi = "Không tìm thấy giao dịch thanh toán."
    default_message_en = "Payment not found."


class InvalidSignature(PermissionDenied):
    """An answer not signed with the provider's secret: refused (403) before anything is read from it."""

    default_code = "invalid_signature"
    default_message_vi = "Chữ ký của kết quả thanh toán không hợp lệ."
    default_message_en = "The payment result's signature is not valid."


class UnreadableResult(ValidationFailed):
    default_code = "invalid_result"
    default_message_vi = "Kết quả thanh toán không đọc được."
    default_message_en = "The payment result cannot be read."


class PaymentAlreadyCompleted(Conflict):
    default_code = "payment_already_completed"
    default_message_vi = "Giao dịch này đã kết thúc với kết quả khác."
    default_message_en = "This payment has already ended with another outcome."
