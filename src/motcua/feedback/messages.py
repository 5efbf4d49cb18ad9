"""What the author of a feedback is told, by email and SMS: that it was received (with the answer deadline) and
that it was answered. Written into the outbox with the entry, in the service's language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.core import clock

from .models import EntryKind, Feedback

# Placeholders: {number}, {subject}, {due} (local time).
AUTHOR_MESSAGES = {
    EntryKind.SUBMITTED: (
        _("Đã tiếp nhận phản ánh, kiến nghị số {number}"),
        _("Phản ánh, kiến nghị số {number} ({subject}) đã được tiếp nhận. Hạn trả lời: {due}."),
    ),
    EntryKind.ANSWER_APPROVED: (
        _("Phản ánh, kiến nghị số {number} đã có câu trả lời"),
        _(
            "Phản ánh, kiến nghị số {number} ({subject}) đã có câu trả lời. Đăng nhập Cổng dịch vụ công để xem "
            "và đánh giá câu trả lời."
        ),
    ),
}


# A citizen who filed at a counter without an account cannot sign in to read or rate the answer: the officers
# of the counter where they filed can show it to them by its number.
ANSWERED_AT_COUNTER = _(
    "Phản ánh, kiến nghị số {number} ({subject}) đã có câu trả lời. Mời ông/bà đến bộ phận một cửa nơi đã gửi "
    "phản ánh, kiến nghị và báo số {number} để nhận câu trả lời."
)


def author_message(*, feedback: Feedback, kind: str) -> dict[str, str] | None:
    """The outbox fields that tell the author of this entry (subject, text, email, phone), or None."""
    if kind not in AUTHOR_MESSAGES or not (feedback.contact_email or feedback.contact_phone):
        return None
    subject, text = AUTHOR_MESSAGES[kind]
    if kind == EntryKind.ANSWER_APPROVED and feedback.author_id is None:
        text = ANSWERED_AT_COUNTER
    values = {
        "number": feedback.pk,
        "subject": feedback.subject,
        "due": clock.to_local(feedback.due_at).strftime("%H:%M %d/%m/%Y"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "subject": str(subject).format(**values),
            "text": str(text).format(**values),
            "email": feedback.contact_email,
            "phone": feedback.contact_phone,
        }
