"""Reads, each scoped to what the caller may see: the author sees their own, the officers of the routed agency
its inbox, inspectors and administrators everything; a feedback outside the caller's scope is 'not found'.
The public list shows only published answers, without personal data."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from motcua.accounts.models import User
from motcua.core import clock
from motcua.deadlines import selectors as deadlines

from . import policy
from .errors import FeedbackNotFound
from .models import ANSWERED_STATUSES, OPEN_STATUSES, Entry, Feedback

RELATED = ("agency", "procedure", "dossier")


class Timing:
    """How a feedback stands against its answer deadline (text and colour in the lists)."""

    WITHIN_TIME = "within_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ANSWERED_ON_TIME = "answered_on_time"
    ANSWERED_LATE = "answered_late"


def feedback_visible_to(user: User) -> QuerySet[Feedback]:
    if not user.is_authenticated:
        return Feedback.objects.none()
    qs = Feedback.objects.select_related(*RELATED)
    if policy.reads_all(user):
        return qs
    agencies = policy.inbox_agencies(user)
    if agencies:
        return qs.filter(Q(author=user) | Q(agency_id__in=agencies))
    return qs.filter(author=user)


def feedback_for(*, user: User, pk: int) -> Feedback:
    feedback = feedback_visible_to(user).filter(pk=pk).first()
    if feedback is None:
        raise FeedbackNotFound(details={"id": pk})
    return feedback


def feedback_list(*, user: User, status: str = "") -> QuerySet[Feedback]:
    """What the caller sees, newest first."""
    qs = feedback_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-pk")


def feedback_of_author(*, user: User) -> QuerySet[Feedback]:
    return Feedback.objects.select_related(*RELATED).filter(author=user).order_by("-pk")


def feedback_of_author_detail(*, user: User, pk: int) -> Feedback:
    feedback = feedback_of_author(user=user).filter(pk=pk).first()
    if feedback is None:
        raise FeedbackNotFound(details={"id": pk})
    return feedback


def feedback_inbox(*, user: User, answered: bool = False) -> QuerySet[Feedback]:
    """The feedback routed to the caller's agencies (every agency for inspectors): waiting for an answer,
    soonest due first; or answered, latest first."""
    qs = Feedback.objects.select_related(*RELATED)
    if not policy.reads_all(user):
        qs = qs.filter(agency_id__in=policy.inbox_agencies(user))
    if answered:
        return qs.filter(status__in=ANSWERED_STATUSES).order_by("-answered_at", "-pk")
    return qs.filter(status__in=OPEN_STATUSES).order_by("due_at", "pk")


def sees_inbox(user: User) -> bool:
    return user.is_authenticated and (policy.reads_all(user) or bool(policy.inbox_agencies(user)))


def feedback_published() -> QuerySet[Feedback]:
    """Published answers, latest first; callers show only the fields without personal data."""
    return (
        Feedback.objects.filter(published=True)
        .select_related("agency", "procedure")
        .only(
            "id",
            "kind",
            "subject",
            "content",
            "answer",
            "answered_at",
            "submitted_at",
            "agency__code",
            "agency__name",
            "agency__name_en",
            "procedure__code",
            "procedure__name",
            "procedure__name_en",
        )
        .order_by("-answered_at", "-pk")
    )


def history_of(*, feedback: Feedback) -> list[Entry]:
    return list(feedback.entries.select_related("actor").order_by("pk"))


def timing_of(feedback: Feedback, *, as_of: datetime | None = None, soon_until: datetime | None = None) -> str:
    """Answered on time / late; open: overdue, due within one working day (`soon_until`: one working day from
    `as_of` in the agency's calendar, computed by the caller for a whole list), or within time."""
    if feedback.answered_at is not None:
        on_time = feedback.answered_at <= feedback.due_at
        return Timing.ANSWERED_ON_TIME if on_time else Timing.ANSWERED_LATE
    as_of = as_of or clock.now()
    if feedback.due_at < as_of:
        return Timing.OVERDUE
    if soon_until is None:
        soon_until = one_working_day_from(as_of, agency=feedback.agency)
    return Timing.DUE_SOON if feedback.due_at <= soon_until else Timing.WITHIN_TIME


def one_working_day_from(moment: datetime, *, agency) -> datetime:
    return deadlines.due_moment(start=moment, kind=deadlines.WORKING_DAYS, amount=1, agency=agency)


def with_timing(rows: list[Feedback], *, as_of: datetime | None = None) -> list[tuple[Feedback, str]]:
    """Each feedback with its timing; one calendar reading per agency."""
    as_of = as_of or clock.now()
    soon: dict[int, datetime] = {}
    result = []
    for feedback in rows:
        if feedback.answered_at is None and feedback.agency_id not in soon:
            soon[feedback.agency_id] = one_working_day_from(as_of, agency=feedback.agency)
        result.append(
            (feedback, timing_of(feedback, as_of=as_of, soon_until=soon.get(feedback.agency_id)))
        )
    return result
