from motcua.core.errors import NotFound, ValidationFailed


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
