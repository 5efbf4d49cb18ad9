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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.capped_counts import count_up_to
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


# What a queue row shows, read as plain values: a page of rows costs neither the model instances of a dossier
# (fifty columns), its procedure version, agency and officer, nor a template's attribute lookups through them.
ROW_FIELDS = (
    "id",
    "code",
    "status",
    "applicant_name",
    "applicant_personal_id",
    "submitted_at",
    "due_at",
    "is_express",
    "version",
    "current_agency_id",
    "assignee_id",
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
class QueueRow:
    """One dossier of a queue page, as shown: names in the active language, the timing class."""

    pk: int
    code: str
    status: str
    status_display: str
    applicant_name: str
    applicant_personal_id: str
    submitted_at: datetime | None
    due_at: datetime | None
    is_express: bool
    version: int
    procedure_name: str
    current_agency_id: int
    current_agency_name: str
    assignee_id: int | None
    assignee_name: str  # "" when nobody is assigned
    timing: str  # a QueueTiming value, "" when the clock does not run


def _row(
    values: dict, *, english: bool, statuses: dict[str, str], as_of: datetime, soon: datetime
) -> QueueRow:
    def named(prefix: str) -> str:
        vi, en = values[f"{prefix}__name"], values[f"{prefix}__name_en"]
        return (en if english and en else vi) or ""

    person = " ".join(p for p in (values["assignee__first_name"], values["assignee__last_name"]) if p)
    return QueueRow(
        pk=values["id"],
        code=values["code"],
        status=values["status"],
        status_display=statuses.get(values["status"], values["status"]),
        applicant_name=values["applicant_name"],
        applicant_personal_id=values["applicant_personal_id"],
        submitted_at=values["submitted_at"],
        due_at=values["due_at"],
        is_express=values["is_express"],
        version=values["version"],
        procedure_name=named("procedure_version"),
        current_agency_id=values["current_agency_id"],
        current_agency_name=named("current_agency"),
        assignee_id=values["assignee_id"],
        # As User.display_name: the full name, else first and last name, else the username.
        assignee_name=values["assignee__full_name"] or person or values["assignee__username"] or "",
        timing=timing_class(values["status"], values["due_at"], as_of=as_of, soon=soon),
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
    rows: list[QueueRow]
    next_cursor: str | None


def officer_agencies(user: User, *, roles: frozenset[str] | None = None) -> list[int]:
    """The agencies where the user holds an officer role (any, or one of `roles`)."""
    wanted = roles or frozenset({Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER})
    return sorted({agency for role, agency in grants_of(user).pairs if agency is not None and role in wanted})


def queue_base(*, user: User, queue: str, agencies: list[int] | None = None) -> QuerySet[Dossier]:
    """The dossiers of a queue, unsorted: always within what the user may see (`selectors.dossiers_visible_to`).

    The agency queues need no second look at the scope rows: a dossier's receiving and current agencies always
    have scope rows (motcua.dossiers.scope), so a dossier at or received by one of the officer's agencies is one
    they see. Joining the scope rows anyway would make PostgreSQL hash every row of a busy agency (half a
    million) to count a queue. My work keeps the check: an assignment may outlive the officer's membership.
    `agencies` narrows the agency queues to some of the officer's agencies (a leader's pages: those they lead)."""
    statuses = QUEUE_STATUSES[queue]
    if queue == Queue.MINE:
        return selectors.dossiers_visible_to(user).filter(assignee=user, status__in=statuses)
    mine = officer_agencies(user)
    agencies = mine if agencies is None else sorted(set(agencies) & set(mine))
    if queue == Queue.AGENCY:
        return Dossier.objects.filter(current_agency__in=agencies, status__in=statuses)
    # Intake and return happen at the counter of the receiving agency; a group's children are returned with
    # their parent, never alone.
    return Dossier.objects.filter(receiving_agency__in=agencies, status__in=statuses, parent__isnull=True)


def due_soon_limit(*, user: User, as_of: datetime) -> datetime:
    """One working day after `as_of`, on the calendar of the user's first agency (the city's when none)."""
    agencies = officer_agencies(user)
    # Not .first(): no need to sort agencies by code to read one by its key.
    agency = next(iter(Agency.objects.filter(pk=agencies[0])[:1]), None) if agencies else None
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


def timing_class(status: str, due_at: datetime | None, *, as_of: datetime, soon: datetime) -> str:
    """The queue timing of a dossier in `status` due at `due_at`, as its plain value ("" for a dossier whose
    clock does not run: intake, result)."""
    if status == Status.AWAITING_SUPPLEMENT:
        timing = QueueTiming.PAUSED
    elif status not in RUNNING_STATUSES or due_at is None:
        return ""
    elif due_at < as_of:
        timing = QueueTiming.OVERDUE
    else:
        timing = QueueTiming.DUE_SOON if due_at <= soon else QueueTiming.WITHIN_TIME
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


def capped_count(queryset: QuerySet[Dossier], *, name: str | None = None) -> int:
    """How many rows, counting stopping at COUNT_CAP + 1 (shown as "1000+"). A list with a `name` found at the
    cap is remembered as such for a minute (motcua.core.capped_counts), as the API's lists are."""
    seconds = float(getattr(settings, "MOTCUA_LIST_CAPPED_COUNT_SECONDS", 60))
    count, capped = count_up_to(queryset, cap=COUNT_CAP, name=name, seconds=seconds)
    return COUNT_CAP + 1 if capped else count


def _count_name(*, user: User, queue: str, agencies: list[int] | None, timing: str = "") -> str:
    """What decides a queue's rows: the officer for my work, else the agencies (and a timing filter)."""
    if queue == Queue.MINE:
        return f"queue:mine:{user.pk}:{timing}"
    places = (
        officer_agencies(user) if agencies is None else sorted(set(agencies) & set(officer_agencies(user)))
    )
    return f"queue:{queue}:{timing}:{','.join(map(str, places))}"


def queue_counts(*, user: User) -> dict[str, int]:
    """How many dossiers each queue holds, each count capped (`capped_count`)."""
    return {
        queue: capped_count(
            queue_base(user=user, queue=queue), name=_count_name(user=user, queue=queue, agencies=None)
        )
        for queue in Queue.values
    }


def queue_timing_counts(
    *, user: User, queue: str, timings: Iterable[str], agencies: list[int] | None = None
) -> dict[str, int]:
    """How many dossiers of a queue are in each timing class asked (overdue, due soon, ...), each capped. The
    due-soon limit is computed once for them all. A capped count is remembered for a minute, the time it takes
    a dossier to become overdue included."""
    as_of = clock.now()
    soon = due_soon_limit(user=user, as_of=as_of)
    base = queue_base(user=user, queue=queue, agencies=agencies)
    return {
        timing: capped_count(
            filtered(base, filters=Filters(timing=timing), as_of=as_of, soon=soon),
            name=_count_name(user=user, queue=queue, agencies=agencies, timing=timing),
        )
        for timing in timings
    }


def queue_page(
    *,
    user: User,
    queue: str,
    filters: Filters,
    after: Cursor | None = None,
    size: int = PAGE_SIZE,
    agencies: list[int] | None = None,
) -> QueuePage:
    """One page of a queue, soonest due first, after `after` (the first page without it); `agencies` as for
    `queue_base`."""
    as_of = clock.now()
    soon = due_soon_limit(user=user, as_of=as_of)
    field = SORT_FIELD[queue]
    base = queue_base(user=user, queue=queue, agencies=agencies)
    qs = filtered(base, filters=filters, as_of=as_of, soon=soon)
    if after is not None:
        qs = qs.filter(Q(**{f"{field}__gt": after.moment}) | Q(**{field: after.moment, "pk__gt": after.pk}))
    found = list(qs.order_by(field, "pk").values(*ROW_FIELDS)[: size + 1])
    english = (get_language() or "vi")[:2] == "en"
    statuses = {value: str(label) for value, label in Status.choices}
    rows = [
        _row(values, english=english, statuses=statuses, as_of=as_of, soon=soon) for values in found[:size]
    ]
    next_cursor = None
    if len(found) > size and rows:
        last = rows[-1]
        next_cursor = Cursor(moment=getattr(last, field), pk=last.pk).encode()
    return QueuePage(rows=rows, next_cursor=next_cursor)
