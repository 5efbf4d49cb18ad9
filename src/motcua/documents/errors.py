from motcua.core.errors import ValidationFailed


class UploadRejected(ValidationFailed):
    default_code = "upload_rejected"
    default_message_vi = "Tệp tải lên không hợp lệ."
    default_message_en = "The uploaded file was rejected."
