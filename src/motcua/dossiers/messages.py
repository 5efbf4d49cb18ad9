"""What the applicant is told, by email and SMS, when something happens to their dossier.

One source, keyed by the event kind: which events reach the applicant, and the words they read. The message is
written into the outbox with the event (in the same transaction); the notifications app only delivers it.

A group of interconnected procedures has one parent (one code, one receipt, one appointment, one result): the
applicant hears of the group's receipt, refusal and result once, from the parent. A member procedure's own news
(a supplement request, an apology, a stop) still reaches them, named by the member's code. The children's share
of a group event stays in their chains and in the outbox, without the applicant's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core import clock

from .models import Dossier, EventKind


@dataclass(frozen=True)
class Message:
    subject: str | Promise
    text: str | Promise


# The events that ask the applicant to act, or change what they were promised.
TOLD_TO_APPLICANT = frozenset(
    {
        EventKind.COMPLETION_REQUESTED,
        EventKind.REFUSED,
        EventKind.RECEIVED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.APOLOGIZED,
        EventKind.RESOLVED,
        EventKind.STOPPED,
    }
)
# Of those, what a member dossier of a group tells on its own (the rest is told once, by the parent).
TOLD_FOR_A_MEMBER = frozenset({EventKind.SUPPLEMENT_REQUESTED, EventKind.APOLOGIZED, EventKind.STOPPED})

# Placeholders: {code}, {appointment} (local time), {items} (what is asked for, "; "-separated).
APPLICANT_MESSAGES: dict[str, Message] = {
    EventKind.COMPLETION_REQUESTED: Message(
        _("Hồ sơ {code} cần hoàn thiện"),
        _("Hồ sơ {code} cần bổ sung, hoàn thiện trước khi tiếp nhận: {items}."),
    ),
    EventKind.REFUSED: Message(
        _("Hồ sơ {code} bị từ chối tiếp nhận"),
        _("Hồ sơ {code} bị từ chối tiếp nhận."),
    ),
    EventKind.RECEIVED: Message(
        _("Hồ sơ {code} đã được tiếp nhận"),
        _("Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {appointment}."),
    ),
    EventKind.SUPPLEMENT_REQUESTED: Message(
        _("Hồ sơ {code} cần bổ sung"),
        _("Hồ sơ {code} cần bổ sung giấy tờ: {items}."),
    ),
    EventKind.APOLOGIZED: Message(
        _("Thư xin lỗi, hồ sơ {code}"),
        _("Hồ sơ {code} chậm so với hẹn; hẹn trả mới: {appointment}."),
    ),
    EventKind.RESOLVED: Message(
        _("Hồ sơ {code} đã có kết quả"),
        _("Hồ sơ {code} đã có kết quả."),
    ),
    EventKind.STOPPED: Message(
        _("Hồ sơ {code} dừng giải quyết"),
        _("Hồ sơ {code} đã dừng giải quyết."),
    ),
}


def told_to_applicant(*, dossier: Dossier, kind: str) -> bool:
    if kind not in TOLD_TO_APPLICANT:
        return False
    return dossier.parent_id is None or kind in TOLD_FOR_A_MEMBER


def applicant_message(*, dossier: Dossier, kind: str, payload: dict[str, Any]) -> dict[str, str] | None:
    """The outbox fields that send the applicant this event's message (subject, text, email, phone), or None
    when the event is not for them or they left no address."""
    if not told_to_applicant(dossier=dossier, kind=kind) or not (
        dossier.applicant_email or dossier.applicant_phone
    ):
        return None
    message = APPLICANT_MESSAGES[kind]
    appointment = dossier.appointment
    values = {
        "code": dossier.code,
        "appointment": clock.to_local(appointment).strftime("%H:%M %d/%m/%Y") if appointment else "",
        "items": "; ".join(str(item) for item in payload.get("items") or []),
    }
    # Sent in the service's language, whatever the language of the request that made the change.
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "subject": str(message.subject).format(**values),
            "text": str(message.text).format(**values),
            "email": dossier.applicant_email,
            "phone": dossier.applicant_phone,
        }
