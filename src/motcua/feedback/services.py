"""Writes: filing a feedback (routed to one agency, with its answer deadline), drafting, approving and
publishing the answer, rating it. Each write is one transaction that locks the feedback row, appends an entry
to its history and queues the author's message in the notifications outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.policy import ensure_not_inspector
from motcua.core import clock
from motcua.core.errors import PermissionDenied
from motcua.core.identity import normalize_phone, optional_email
from motcua.core.row_insert import insert_new
from motcua.core.text import nfc
from motcua.deadlines import selectors as deadlines
from motcua.notifications.kicks import deliver_after_commit
from motcua.notifications.services import outbox_put

from . import policy, selectors
from .errors import FeedbackNotFound, FeedbackStale
from .errors import invalid as _invalid
from .hooks import entry_appended
from .messages import author_message
from .models import Entry, EntryKind, Feedback, Kind, Rating, Status

SUBJECT_MAX = 200
CONTENT_MAX = 5000
ANSWER_MAX = 10000
NOTE_MAX = 2000


def answer_working_days() -> int:
    """The answer deadline in working days (MOTCUA_FEEDBACK_ANSWER_WORKING_DAYS; see docs/feedback.md)."""
    return int(settings.MOTCUA_FEEDBACK_ANSWER_WORKING_DAYS)


def _text(value: str | None, *, field: str, limit: int, vi: str, en: str) -> str:
    text = nfc(value or "")
    if not text:
        raise _invalid(field, vi, en, "required")
    if len(text) > limit:
        raise _invalid(
            field,
            f"Nhập tối đa {limit} ký tự.",
            f"Enter at most {limit} characters.",
            "too_long",
        )
    return text


def _append(feedback: Feedback, *, kind: str, actor: User | None, at: datetime, **payload: Any) -> Entry:
    entry = insert_new(Entry(feedback=feedback, kind=kind, actor=actor, at=at, payload=payload))
    entry_appended(feedback, entry)
    message: dict[str, Any] = {"feedback": feedback.pk, "status": feedback.status}
    told = author_message(feedback=feedback, kind=kind)
    if told is not None:
        message.update(told)
    outbox_put(event_id=entry.pk, type=f"feedback_{kind}", dossier_id=None, payload=message, at=at)
    deliver_after_commit()
    return entry


def _checked_text(*, kind: str, subject: str, content: str) -> tuple[str, str]:
    if kind not in Kind.values:
        raise _invalid(
            "kind", "Chọn phản ánh hoặc kiến nghị.", "Choose complaint or recommendation.", "invalid_kind"
        )
    subject = _text(subject, field="subject", limit=SUBJECT_MAX, vi="Nhập tiêu đề.", en="Enter a subject.")
    content = _text(
        content, field="content", limit=CONTENT_MAX, vi="Nhập nội dung.", en="Enter what it is about."
    )
    return subject, content


def _file(
    *, target: selectors.Target, actor: User, now: datetime, entry: dict[str, Any], **fields: Any
) -> Feedback:
    """The feedback row, with its answer deadline in the routed agency's working days, and its first entry."""
    feedback = Feedback.objects.create(
        dossier=target.dossier,
        procedure=target.procedure,
        agency=target.agency,
        submitted_at=now,
        due_at=deadlines.due_moment(
            start=now, kind=deadlines.WORKING_DAYS, amount=answer_working_days(), agency=target.agency
        ),
        **fields,
    )
    _append(feedback, kind=EntryKind.SUBMITTED, actor=actor, at=now, **entry)
    return feedback


@transaction.atomic
def feedback_submit(
    *,
    author: User,
    kind: str,
    subject: str,
    content: str,
    dossier_code: str = "",
    procedure_code: str = "",
    agency_code: str = "",
    contact_email: str | None = None,
    contact_phone: str | None = None,
) -> Feedback:
    """File a feedback; it is routed, gets its answer deadline in the routed agency's working days, and the
    author is told (when they left an address)."""
    ensure_not_inspector(author)
    subject, content = _checked_text(kind=kind, subject=subject, content=content)
    target = selectors.resolve_target(
        author=author, dossier_code=dossier_code, procedure_code=procedure_code, agency_code=agency_code
    )
    email = (contact_email if contact_email is not None else author.email or "").strip()
    phone_raw = contact_phone if contact_phone is not None else author.phone or ""
    phone = normalize_phone(phone_raw, field="contact_phone") if phone_raw.strip() else ""
    return _file(
        target=target,
        actor=author,
        now=clock.now(),
        entry={},
        kind=kind,
        subject=subject,
        content=content,
        author=author,
        contact_name=author.display_name,
        contact_email=email,
        contact_phone=phone,
    )


@transaction.atomic
def feedback_file_at_counter(
    *,
    officer: User,
    kind: str,
    subject: str,
    content: str,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    procedure_code: str = "",
    agency_code: str = "",
    on_behalf_consent: bool,
) -> Feedback:
    """A receiving officer files a citizen's feedback at the counter, with the citizen's consent recorded; it is
    then routed and answered like any other. The citizen is told at the address they gave (if any) and may
    follow it by its number; without an account they do not rate it online."""
    if not policy.files_at_counter(officer):
        raise PermissionDenied(
            "Chỉ cán bộ tiếp nhận được nhận phản ánh, kiến nghị tại quầy.",
            "Only receiving officers take feedback at the counter.",
        )
    if not on_behalf_consent:
        raise _invalid(
            "on_behalf_consent",
            "Cần ghi nhận sự đồng ý của người phản ánh khi cán bộ nhập thay.",
            "Record the citizen's consent when an officer enters the feedback for them.",
            "consent_required",
        )
    subject, content = _checked_text(kind=kind, subject=subject, content=content)
    name = _text(
        contact_name, field="contact_name", limit=150, vi="Nhập họ và tên.", en="Enter the full name."
    )
    phone = normalize_phone(contact_phone, field="contact_phone") if (contact_phone or "").strip() else ""
    email = optional_email(contact_email, field="contact_email")
    # Routed by the procedure or the agency chosen; a dossier is named only by its own applicant online.
    target = selectors.resolve_target(author=officer, procedure_code=procedure_code, agency_code=agency_code)
    now = clock.now()
    return _file(
        target=target,
        actor=officer,
        now=now,
        entry={"at_counter": True, "consent_at": now.isoformat()},
        kind=kind,
        subject=subject,
        content=content,
        author=None,
        filed_by=officer,
        on_behalf_consent_at=now,
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
    )


def _lock(feedback_id: int) -> Feedback:
    feedback = Feedback.objects.select_for_update().filter(pk=feedback_id).first()
    if feedback is None:
        raise FeedbackNotFound(details={"id": feedback_id})
    return feedback


def _begin(*, feedback_id: int, action: str, actor: User, version: int | None) -> Feedback:
    feedback = _lock(feedback_id)
    policy.ensure_allowed(feedback, action, actor)
    if version is None or int(version) != feedback.version:
        raise FeedbackStale(details={"expected": feedback.version, "given": version})
    return feedback


def _save(feedback: Feedback, *fields: str) -> None:
    feedback.version += 1
    feedback.save(update_fields=sorted({"version", "status", *fields}))


def _answer_text(answer: str | None) -> str:
    return _text(
        answer, field="answer", limit=ANSWER_MAX, vi="Nhập nội dung trả lời.", en="Enter the answer."
    )


@transaction.atomic
def feedback_draft_answer(*, feedback_id: int, actor: User, version: int | None, answer: str) -> Feedback:
    """A specialist (or leader) of the routed agency writes or rewrites the draft answer."""
    feedback = _begin(
        feedback_id=feedback_id, action=policy.Action.DRAFT_ANSWER, actor=actor, version=version
    )
    now = clock.now()
    feedback.answer = _answer_text(answer)
    feedback.status = Status.ANSWER_DRAFTED
    feedback.drafted_by = actor
    feedback.drafted_at = now
    _save(feedback, "answer", "drafted_by", "drafted_at")
    _append(feedback, kind=EntryKind.ANSWER_DRAFTED, actor=actor, at=now)
    return feedback


@transaction.atomic
def feedback_send_back(*, feedback_id: int, actor: User, version: int | None, note: str) -> Feedback:
    """A leader of the routed agency sends the draft answer back to be revised, saying why (`note`, required).
    The draft stays for the specialist to revise; the answer deadline does not move."""
    feedback = _begin(feedback_id=feedback_id, action=policy.Action.SEND_BACK, actor=actor, version=version)
    note = _text(
        note,
        field="note",
        limit=NOTE_MAX,
        vi="Nêu điều cần sửa trong dự thảo.",
        en="Say what the draft needs.",
    )
    now = clock.now()
    feedback.status = Status.RECEIVED
    _save(feedback)
    _append(feedback, kind=EntryKind.SENT_BACK, actor=actor, at=now, note=note)
    return feedback


@transaction.atomic
def feedback_approve(
    *, feedback_id: int, actor: User, version: int | None, answer: str | None = None, publish: bool = False
) -> Feedback:
    """A leader of the routed agency approves the draft (as drafted, or as they correct it); the author is told.
    With `publish`, the answer also goes on the public list."""
    feedback = _begin(feedback_id=feedback_id, action=policy.Action.APPROVE, actor=actor, version=version)
    now = clock.now()
    if answer is not None and nfc(answer):
        feedback.answer = _answer_text(answer)
    feedback.status = Status.ANSWERED
    feedback.approved_by = actor
    feedback.answered_at = now
    fields = ["answer", "approved_by", "answered_at"]
    if publish:
        feedback.published, feedback.published_at = True, now
        fields += ["published", "published_at"]
    _save(feedback, *fields)
    _append(
        feedback,
        kind=EntryKind.ANSWER_APPROVED,
        actor=actor,
        at=now,
        on_time=feedback.answered_at <= feedback.due_at,
    )
    if publish:
        _append(feedback, kind=EntryKind.PUBLISHED, actor=actor, at=now)
    return feedback


@transaction.atomic
def feedback_publish(*, feedback_id: int, actor: User, version: int | None) -> Feedback:
    """A leader of the routed agency puts an approved answer on the public list."""
    feedback = _begin(feedback_id=feedback_id, action=policy.Action.PUBLISH, actor=actor, version=version)
    now = clock.now()
    feedback.published, feedback.published_at = True, now
    _save(feedback, "published", "published_at")
    _append(feedback, kind=EntryKind.PUBLISHED, actor=actor, at=now)
    return feedback


@transaction.atomic
def feedback_rate(*, feedback_id: int, actor: User, rating: str) -> Feedback:
    """The author rates the answer, once; that closes the feedback."""
    feedback = _lock(feedback_id)
    policy.ensure_allowed(feedback, policy.Action.RATE, actor)
    if rating not in Rating.values:
        raise _invalid(
            "rating",
            "Chọn hài lòng hoặc không hài lòng.",
            "Choose satisfied or not satisfied.",
            "invalid_rating",
        )
    now = clock.now()
    feedback.rating, feedback.rated_at = rating, now
    feedback.status, feedback.closed_at = Status.CLOSED, now
    _save(feedback, "rating", "rated_at", "closed_at")
    _append(feedback, kind=EntryKind.RATED, actor=actor, at=now, rating=rating)
    return feedback
