"""The officers' work queues: my work, my agency's work, to receive, to return.

Each queue is a slice of what the officer may see (`selectors.dossiers_visible_to`, the API's scope), sorted
by its due moment (intake: by the moment it was sent) with the id as a tie-breaker, and paged by keyset on
(moment, id) so that page 500 costs what page 1 does. Counts stop at COUNT_CAP: an agency with 100,000 open
dossiers must not count them on every page view.

The timing shown to officers is judged on the legal due moment (as `selectors.Timing`), with one more class:
due within one working day of the agency's calendar.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.deadlines import selectors as deadlines
from motcua.organization.models import Agency

from . import selectors
from .models import OPEN_STATUSES, RUNNING_STATUSES, Dossier, Status
from .workflow import grants_of

PAGE_SIZE = 25
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
COUNT_CAP = 1000


class Queue(models.TextChoices):
    MINE = "mine", _("Việc của tôi")
    AGENCY = "agency", _("Việc của cơ quan")
    TO_RECEIVE = "to_receive", pgettext_lazy("queue", "Chờ tiếp nhận")
    TO_RETURN = "to_return", _("Chờ trả kết quả")


class QueueTiming(models.TextChoices):
    """How an open dossier stands against its legal due moment, as officers see it."""

    WITHIN_TIME = "within_time", _("Trong hạn")
    DUE_SOON = "due_soon", _("Đến hạn trong 1 ngày làm việc")
    OVERDUE = "overdue", _("Quá hạn")
    PAUSED = "paused", _("Tạm dừng")


# The moment each queue is sorted by, soonest first.
SORT_FIELD = {
    Queue.MINE: "due_at",
    Queue.AGENCY: "due_at",
    Queue.TO_RECEIVE: "submitted_at",
    Queue.TO_RETURN: "due_at",
}
# The order a queue is counted in, where it differs: the one its index (receiving agency, status, sent) gives.
COUNT_ORDER = {Queue.TO_RETURN: "submitted_at"}
# The statuses each queue holds; a status filter narrows within these.
QUEUE_STATUSES: dict[str, tuple[str, ...]] = {
    Queue.MINE: OPEN_STATUSES,
    Queue.AGENCY: OPEN_STATUSES,
    Queue.TO_RECEIVE: (Status.SUBMITTED,),
    Queue.TO_RETURN: (Status.RESOLVED,),
}


# What a queue row shows: loading only these keeps a page of rows cheap to build (a dossier has fifty columns,
# its procedure version and officer dozens more).
ROW_FIELDS = (
    "code",
    "status",
    "applicant_name",
    "applicant_personal_id",
    "submitted_at",
    "due_at",
    "is_express",
    "version",
    "procedure_version__name",
    "procedure_version__name_en",
    "current_agency__name",
    "current_agency__name_en",
    "assignee__full_name",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
)


@dataclass(frozen=True)
class Filters:
    status: str = ""
    timing: str = ""
    procedure: str = ""
    q: str = ""


@dataclass(frozen=True)
class Cursor:
    """A position in a queue: the sort moment and id of the last row shown."""

    moment: datetime
    pk: int

    def encode(self) -> str:
        return f"{(self.moment - EPOCH) // timedelta(microseconds=1)}.{self.pk}"

    @classmethod
    def decode(cls, raw: str) -> Cursor | None:
        """None for text that is not a cursor (the caller answers 400)."""
        micros, _dot, pk = raw.partition(".")
        if not (micros.lstrip("-").isdigit() and pk.isdigit()) or len(raw) > 40:
            return None
        try:
            moment = EPOCH + timedelta(microseconds=int(micros))
        except (OverflowError, OSError, ValueError):
            return None
        return cls(moment=moment, pk=int(pk))


@dataclass
class QueuePage:
    rows: list[Dossier]
    next_cursor: str | None
    timing_of: dict[int, str]


def officer_agencies(user: User, *, roles: frozenset[str] | None = None) -> list[int]:
    """The agencies where the user holds an officer role (any, or one of `roles`)."""
    wanted = roles or frozenset({Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER})
    return sorted({agency for role, agency in grants_of(user).pairs if agency is not None and role in wanted})


def queue_base(*, user: User, queue: str) -> QuerySet[Dossier]:
    """The dossiers of a queue, unsorted: always within what the user may see (`selectors.dossiers_visible_to`).

    The agency queues need no second look at the scope rows: a dossier's receiving and current agencies always
    have scope rows (motcua.dossiers.scope), so a dossier at or received by one of the officer's agencies is one
    they see. Joining the scope rows anyway would make PostgreSQL hash every row of a busy agency (half a
    million) to count a queue. My work keeps the check: an assignment may outlive the officer's membership."""
    statuses = QUEUE_STATUSES[queue]
    if queue == Queue.MINE:
        return selectors.dossiers_visible_to(user).filter(assignee=user, status__in=statuses)
    agencies = officer_agencies(user)
    if queue == Queue.AGENCY:
        return Dossier.objects.filter(current_agency__in=agencies, status__in=statuses)
    # Intake and return happen at the counter of the receiving agency; a group's children are returned with
    # their parent, never alone.
    return Dossier.objects.filter(receiving_agency__in=agencies, status__in=statuses, parent__isnull=True)


def due_soon_limit(*, user: User, as_of: datetime) -> datetime:
    """One working day after `as_of`, on the calendar of the user's first agency (the city's when none)."""
    agencies = officer_agencies(user)
    agency = Agency.objects.filter(pk=agencies[0]).first() if agencies else None
    return deadlines.due_moment(start=as_of, kind=deadlines.WORKING_DAYS, amount=1, agency=agency)


def _timing_q(timing: str, *, as_of: datetime, soon: datetime) -> Q:
    running = Q(status__in=RUNNING_STATUSES)
    if timing == QueueTiming.PAUSED:
        return Q(status=Status.AWAITING_SUPPLEMENT)
    if timing == QueueTiming.OVERDUE:
        return running & Q(due_at__lt=as_of)
    if timing == QueueTiming.DUE_SOON:
        return running & Q(due_at__gte=as_of, due_at__lte=soon)
    return running & Q(due_at__gt=soon)


def timing_of(dossier: Dossier, *, as_of: datetime, soon: datetime) -> str:
    """The queue timing of one dossier, as its plain value ("" for a dossier whose clock does not run: intake,
    result)."""
    if dossier.status == Status.AWAITING_SUPPLEMENT:
        timing = QueueTiming.PAUSED
    elif dossier.status not in RUNNING_STATUSES or dossier.due_at is None:
        return ""
    elif dossier.due_at < as_of:
        timing = QueueTiming.OVERDUE
    else:
        timing = QueueTiming.DUE_SOON if dossier.due_at <= soon else QueueTiming.WITHIN_TIME
    return timing.value


def _search_q(text: str) -> Q:
    """A dossier code (exact, any case: one look at its unique index), an identification number (exact), or
    part of the applicant's name. Only the name reads every row of the queue."""
    text = unicodedata.normalize("NFC", text.strip())
    if " " not in text:
        code = text.upper()
        if Dossier.objects.filter(code=code).exists():
            return Q(code=code)
    if text.isdigit():
        return Q(applicant_personal_id=text)
    return Q(applicant_name__icontains=text)


def filtered(
    queryset: QuerySet[Dossier], *, filters: Filters, as_of: datetime, soon: datetime
) -> QuerySet[Dossier]:
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.timing:
        queryset = queryset.filter(_timing_q(filters.timing, as_of=as_of, soon=soon))
    if filters.procedure:
        queryset = queryset.filter(procedure_version__procedure__code=filters.procedure)
    if filters.q:
        queryset = queryset.filter(_search_q(filters.q))
    return queryset


def queue_counts(*, user: User) -> dict[str, int]:
    """How many dossiers each queue holds, each count stopping at COUNT_CAP + 1 (shown as "1000+")."""
    return {
        queue: queue_base(user=user, queue=queue).values("pk")[: COUNT_CAP + 1].count()
        for queue in Queue.values
    }


def queue_page(
    *, user: User, queue: str, filters: Filters, after: Cursor | None = None, size: int = PAGE_SIZE
) -> QueuePage:
    """One page of a queue, soonest due first, after `after` (the first page without it)."""
    as_of = clock.now()
    soon = due_soon_limit(user=user, as_of=as_of)
    field = SORT_FIELD[queue]
    qs = filtered(queue_base(user=user, queue=queue), filters=filters, as_of=as_of, soon=soon)
    if after is not None:
        qs = qs.filter(Q(**{f"{field}__gt": after.moment}) | Q(**{field: after.moment, "pk__gt": after.pk}))
    qs = qs.select_related("procedure_version", "current_agency", "assignee").only(*ROW_FIELDS)
    rows = list(qs.order_by(field, "pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = Cursor(moment=getattr(last, field), pk=last.pk).encode()
    return QueuePage(
        rows=rows,
        next_cursor=next_cursor,
        timing_of={row.pk: timing_of(row, as_of=as_of, soon=soon) for row in rows},
    )
