from motcua.core.errors import Conflict, NotFound, ValidationFailed


class UploadRejected(ValidationFailed):
    default_code = "upload_rejected"
    default_message_vi = "Tệp tải lên không hợp lệ."
    default_message_en = "The uploaded file was rejected."


class DocumentNotFound(NotFound):
    default_code = "document_not_found"
    default_message_vi = "Không tìm thấy giấy tờ trong hồ sơ."
    default_message_en = "Document not found in this dossier."


class TemplateNotFound(NotFound):
    default_code = "template_not_found"
    default_message_vi = "Thành phần hồ sơ này không có mẫu đơn, tờ khai để tải về."
    default_message_en = "This required document has no blank form to download."


class SigningKeyMissing(Conflict):
    default_code = "signing_key_missing"
    default_message_vi = (
        "Cơ quan chưa có chứng thư số để ký kết quả; quản trị hệ thống cần cài đặt khóa ký của cơ quan."
    )
    default_message_en = (
        "The agency has no signing certificate yet; an administrator must install the agency's signing key."
    )


class SigningFailed(ValidationFailed):
    default_code = "signing_failed"
    default_message_vi = "Không ký được tệp PDF này; hãy tải lên một tệp PDF khác (không mã hóa, không hỏng)."
    default_message_en = "This PDF could not be signed; upload another PDF (not encrypted, not damaged)."


class SignatureNotTrusted(Conflict):
    default_code = "signature_not_trusted"
    default_message_vi = (
        "Chữ ký của cơ quan không được hệ thống tin cậy (chứng thư số không thuộc tổ chức cấp được cấu hình)."
    )
    default_message_en = (
        "The agency's signature is not trusted here (its certificate is not from a configured trust root)."
    )


class PersonalDocumentNotFound(NotFound):
    default_code = "personal_document_not_found"
    default_message_vi = "Không tìm thấy giấy tờ trong kho dữ liệu cá nhân của bạn."
    default_message_en = "Document not found in your personal document store."


class PersonalDocumentNotDeletable(Conflict):
    default_code = "personal_document_not_deletable"
    default_message_vi = "Kết quả giải quyết do cơ quan cấp không thể xóa khỏi kho giấy tờ."
    default_message_en = "A result issued by an agency cannot be removed from the document store."
