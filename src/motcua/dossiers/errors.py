"""Expected failures of the dossier life cycle, each with a Vietnamese and an English message."""

from motcua.core.errors import ActionNotAllowed, Conflict, NotFound, ValidationFailed


class DossierNotFound(NotFound):
    default_code = "dossier_not_found"
    default_message_vi = "Không tìm thấy hồ sơ."
    default_message_en = "Dossier not found."


class BoundaryNotAllowed(ValidationFailed):
    default_code = "boundary_not_allowed"
    default_message_vi = (
        "Thủ tục này không được tiếp nhận không phụ thuộc địa giới hành chính: nơi tiếp nhận phải thuộc địa bàn "
        "của cơ quan có thẩm quyền."
    )
    default_message_en = (
        "This procedure may not be received regardless of boundary: the receiving agency must be in the "
        "competent agency's area."
    )


class DigitizationRequired(ActionNotAllowed):
    default_code = "digitization_required"
    default_message_vi = "Hồ sơ tiếp nhận không phụ thuộc địa giới: phải số hóa đủ các thành phần hồ sơ bắt buộc trước khi chuyển."
    default_message_en = "A dossier received regardless of boundary needs every mandatory component digitized before it moves on."


class SupplementAlreadyRequested(ActionNotAllowed):
    default_code = "supplement_already_requested"
    default_message_vi = "Cơ quan này đã yêu cầu bổ sung hồ sơ một lần; không được yêu cầu lần thứ hai."
    default_message_en = "This agency has already asked for a supplement once; it may not ask again."


class ApologyNotAllowed(ActionNotAllowed):
    default_code = "apology_not_allowed"


class IdempotencyKeyReused(Conflict):
    default_code = "idempotency_key_reused"
    default_message_vi = "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."
    default_message_en = "This Idempotency-Key was already used for a different request."


class HomeServiceRequestNotFound(NotFound):
    default_code = "home_service_request_not_found"
    default_message_vi = "Không tìm thấy yêu cầu phục vụ tại nhà."
    default_message_en = "Home-service request not found."
