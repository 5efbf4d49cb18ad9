from motcua.core.errors import Conflict, NotFound


class FormNotAvailable(Conflict):
    """The dossier has not been through the step that issues this form (no refusal on a received dossier)."""

    default_code = "form_not_available"
    default_message_vi = "Hồ sơ chưa có văn bản này: bước tạo ra văn bản chưa diễn ra."
    default_message_en = "The dossier has no such form yet: the step that issues it has not happened."


class UnknownForm(NotFound):
    default_code = "form_not_found"
    default_message_vi = "Không có biểu mẫu này."
    default_message_en = "No such form."
