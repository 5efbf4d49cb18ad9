"""Reads, each scoped to what the caller may see: the author sees their own, the officers of the routed agency
its inbox, inspectors and administrators everything; a feedback outside the caller's scope is 'not found'.
The public list shows only published answers, without personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.deadlines import selectors as deadlines
from motcua.dossiers.models import Dossier
from motcua.organization.models import Agency

from . import policy
from .errors import FeedbackNotFound
from .errors import invalid as _invalid
from .models import ANSWERED_STATUSES, OPEN_STATUSES, Entry, EntryKind, Feedback, Status

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
    # The counter officer who filed a feedback for a citizen may tell them how it stands.
    mine = Q(author=user) | Q(filed_by=user)
    if agencies:
        return qs.filter(mine | Q(agency_id__in=agencies))
    return qs.filter(mine)


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


def sent_back_note(*, feedback: Feedback, history: list[Entry]) -> Entry | None:
    """The leader's latest send-back while the draft waits to be revised (None once it is redrafted)."""
    if feedback.status != Status.RECEIVED:
        return None
    for entry in reversed(history):
        if entry.kind == EntryKind.SENT_BACK:
            return entry
        if entry.kind == EntryKind.ANSWER_DRAFTED:
            return None
    return None


def timing_of(
    feedback: Feedback, *, as_of: datetime | None = None, soon_until: datetime | None = None
) -> str:
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
        result.append((feedback, timing_of(feedback, as_of=as_of, soon_until=soon.get(feedback.agency_id))))
    return result


@dataclass(frozen=True)
class Target:
    """What a feedback is about, and the agency that answers it."""

    agency: Agency
    procedure: Procedure | None = None
    dossier: Dossier | None = None


def resolve_target(
    *, author: User, dossier_code: str = "", procedure_code: str = "", agency_code: str = ""
) -> Target:
    """The routed agency: the dossier's competent agency, else the procedure's competent agency, else the agency
    chosen. A dossier is only ever the author's own: any other code is unknown to them."""
    if dossier_code:
        dossier = (
            Dossier.objects.select_related("competent_agency", "procedure_version__procedure")
            .filter(code=dossier_code, applicant=author)
            .first()
        )
        if dossier is None or dossier.competent_agency is None:
            raise _invalid(
                "dossier",
                "Không tìm thấy hồ sơ này trong hồ sơ của bạn; chỉ người nộp hồ sơ được phản ánh về hồ sơ.",
                "This dossier is not among yours; only its applicant may send feedback about a dossier.",
                "dossier_not_found",
            )
        procedure = dossier.procedure_version.procedure if dossier.procedure_version_id else None
        return Target(agency=dossier.competent_agency, procedure=procedure, dossier=dossier)
    procedure = None
    if procedure_code:
        procedure = (
            Procedure.objects.select_related("current_version__competent_agency")
            .filter(code=procedure_code, is_active=True, current_version__isnull=False)
            .first()
        )
        if procedure is None:
            raise _invalid(
                "procedure",
                "Không tìm thấy thủ tục hành chính này.",
                "No such procedure.",
                "procedure_not_found",
            )
        competent = procedure.current_version.competent_agency
        if competent is not None and competent.is_active:
            return Target(agency=competent, procedure=procedure)
    if not agency_code:
        raise _invalid(
            "agency",
            "Chọn cơ quan nhận phản ánh, kiến nghị.",
            "Choose the agency the feedback is for.",
            "agency_required",
        )
    agency = Agency.objects.filter(code=agency_code, is_active=True).first()
    if agency is None:
        raise _invalid("agency", "Không tìm thấy cơ quan này.", "No such agency.", "agency_not_found")
    return Target(agency=agency, procedure=procedure)


def may_rate(*, feedback: Feedback, user: User) -> bool:
    return policy.refusal(feedback, policy.Action.RATE, user) is None
