"""Reads: who sees which dossier, queues sorted by due moment, timing classes and their counts.

Timing classes (DOMAIN.md §3.3) are judged against the legal due moment `due_at` (which moves only by paused
time), never against an apology's new appointment:
- resolved_early: the result came on a local calendar day before the due moment's day;
- resolved_on_time: on the due day, at or before the due moment;
- resolved_late: after the due moment;
- paused: waiting for the applicant's supplement (the clock is stopped);
- in_progress_overdue / in_progress_within_time: still being handled, past / not past the due moment.
Dossiers whose clock never started (intake, refusal) or that were stopped or withdrawn before a result have no
timing class.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import TruncDate

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.errors import PermissionDenied
from motcua.core.text import nfc
from motcua.deadlines import selectors as deadlines
from motcua.documents.models import Source
from motcua.organization.models import Agency

from . import scope
from .errors import DossierNotFound
from .models import (
    OPEN_STATUSES,
    RESULT_STATUSES,
    Dossier,
    DossierAgency,
    Event,
    EventKind,
    PauseInterval,
    Status,
    Step,
)
from .workflow import grants_of, handles


class Timing:
    RESOLVED_EARLY = "resolved_early"
    RESOLVED_ON_TIME = "resolved_on_time"
    RESOLVED_LATE = "resolved_late"
    IN_PROGRESS_WITHIN_TIME = "in_progress_within_time"
    IN_PROGRESS_OVERDUE = "in_progress_overdue"
    PAUSED = "paused"

    ALL = (
        RESOLVED_EARLY,
        RESOLVED_ON_TIME,
        RESOLVED_LATE,
        IN_PROGRESS_WITHIN_TIME,
        IN_PROGRESS_OVERDUE,
        PAUSED,
    )


PROCESSING = (Status.RECEIVED, Status.IN_PROGRESS)
SEE_ALL_ROLES = {Role.INSPECTOR, Role.ADMINISTRATOR}


def resolution_timing(*, resolved_at: datetime, due_at: datetime) -> str:
    """Early: on a day before the due day; on time: by the due moment (exactly at it included); else late.
    The legal due moment is compared, never an apology's new appointment; paused time has already moved it."""
    if resolved_at > due_at:
        return Timing.RESOLVED_LATE
    if clock.to_local(resolved_at).date() < clock.to_local(due_at).date():
        return Timing.RESOLVED_EARLY
    return Timing.RESOLVED_ON_TIME


def timing_class(dossier: Dossier, *, as_of: datetime | None = None) -> str | None:
    """The timing class of a dossier at a moment (now by default)."""
    as_of = as_of or clock.now()
    if dossier.received_at is None or dossier.due_at is None or dossier.received_at > as_of:
        return None
    if dossier.resolved_at is not None and dossier.resolved_at <= as_of:
        return resolution_timing(resolved_at=dossier.resolved_at, due_at=dossier.due_at)
    if dossier.closed_at is not None and dossier.closed_at <= as_of:
        return None  # stopped or withdrawn before a result
    loaded = getattr(dossier, "_prefetched_objects_cache", {}).get("pauses")
    if loaded is not None:
        paused = any(p.started_at <= as_of and (p.ended_at is None or p.ended_at > as_of) for p in loaded)
    else:
        paused = (
            PauseInterval.objects.filter(dossier=dossier, started_at__lte=as_of)
            .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=as_of))
            .exists()
        )
    if paused:
        return Timing.PAUSED
    return Timing.IN_PROGRESS_OVERDUE if as_of > dossier.due_at else Timing.IN_PROGRESS_WITHIN_TIME


def _timing_q(timing: str, as_of: datetime) -> Q:
    """The condition of a timing class on the current state; resolved_early/on_time need the `_due_day` and
    `_resolved_day` annotations."""
    resolved = Q(resolved_at__isnull=False)
    if timing == Timing.RESOLVED_LATE:
        return resolved & Q(resolved_at__gt=F("due_at"))
    if timing == Timing.RESOLVED_EARLY:
        return resolved & Q(resolved_at__lte=F("due_at")) & Q(_resolved_day__lt=F("_due_day"))
    if timing == Timing.RESOLVED_ON_TIME:
        return resolved & Q(resolved_at__lte=F("due_at")) & Q(_resolved_day__gte=F("_due_day"))
    if timing == Timing.PAUSED:
        return Q(status=Status.AWAITING_SUPPLEMENT)
    if timing == Timing.IN_PROGRESS_OVERDUE:
        return Q(status__in=PROCESSING, due_at__lt=as_of)
    if timing == Timing.IN_PROGRESS_WITHIN_TIME:
        return Q(status__in=PROCESSING, due_at__gte=as_of)
    return Q(pk__in=[])


def with_timing(
    queryset: QuerySet[Dossier], timing: str | None, *, as_of: datetime | None = None
) -> QuerySet[Dossier]:
    if not timing:
        return queryset
    as_of = as_of or clock.now()
    if timing in (Timing.RESOLVED_EARLY, Timing.RESOLVED_ON_TIME):
        queryset = queryset.annotate(
            _due_day=TruncDate("due_at", tzinfo=clock.LOCAL_TZ),
            _resolved_day=TruncDate("resolved_at", tzinfo=clock.LOCAL_TZ),
        )
    return queryset.filter(_timing_q(timing, as_of))


def _officer_agencies(user: User) -> list[int]:
    grants = grants_of(user)
    return sorted({agency for role, agency in grants.pairs if agency is not None and role != Role.APPLICANT})


class Visibility(NamedTuple):
    """What a user sees: everything, nothing, or their agencies' dossiers and/or their own."""

    all: bool
    agencies: list[int]
    own: bool


def visibility_of(user: User) -> Visibility:
    if not user.is_authenticated:
        return Visibility(all=False, agencies=[], own=False)
    grants = grants_of(user)
    if any(role in SEE_ALL_ROLES for role, _ in grants.pairs):
        return Visibility(all=True, agencies=[], own=False)
    agencies = _officer_agencies(user)
    if not agencies:
        return Visibility(all=False, agencies=[], own=True)
    # An officer who is also an applicant (rare) sees their own dossiers too: one look at the applicant index
    # (in plain SQL: it runs on every list request of every officer, and the ORM's statement building cost
    # more than the look).
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM dossiers_dossier WHERE applicant_id = %s LIMIT 1", [user.pk])
        own = cursor.fetchone() is not None
    return Visibility(all=False, agencies=agencies, own=own)


def dossiers_visible_to(user: User, *, seen: Visibility | None = None) -> QuerySet[Dossier]:
    """Applicants: their own. Officers and leaders: the dossiers their agencies have a hand in (received,
    competent, holding now or before, or with a step there: the scope rows of motcua.dossiers.scope).
    Inspectors and administrators: all.

    Each case is one index range: the applicant index, the scope rows' primary key (agency, dossier), or the
    dossiers' primary key. An officer who is also an applicant adds their own dossiers with an OR (rare).
    `seen` is the user's `visibility_of`, when the caller has it already."""
    qs = Dossier.objects.all()
    seen = visibility_of(user) if seen is None else seen
    if seen.all:
        return qs
    if not seen.agencies:
        return qs.filter(applicant=user) if seen.own else qs.none()
    condition = Q(pk__in=scope.dossier_ids_seen_by(seen.agencies))
    return qs.filter(condition | Q(applicant=user) if seen.own else condition)


# Joined in the dossier's own query. Not more: PostgreSQL's time to plan a join grows fast with its tables (at
# eleven it planned for 12 ms, a hundred times as long as it then took to read the one row); the other
# relations the detail shows are read by primary key (DETAIL_FETCHED) or taken from the steps.
DETAIL_RELATED = (
    "procedure_version__procedure",
    "receiving_agency",
    "competent_agency",
    "current_agency",
)
# Read after the dossier, each by primary key and only when set (a dossier just created holds them already).
DETAIL_FETCHED = ("assignee", "filed_by", "group", "parent")


# The related sets a detail shows, one query each (and none for a set already loaded, such as the empty sets
# of a dossier the service has just created).
DETAIL_PREFETCH = (
    Prefetch("children", queryset=Dossier.objects.only("id", "code", "parent_id")),
    Prefetch("steps", queryset=Step.objects.select_related("agency", "assignee")),
    Prefetch("pauses", queryset=PauseInterval.objects.select_related("agency")),
    "documents",
    "apology_proposals",
)


def dossier_detail(*, pk: int) -> Dossier:
    """A dossier with what its detail shows, by primary key: for answering an action the caller just took."""
    return with_detail_relations(Dossier.objects.select_related(*DETAIL_RELATED).get(pk=pk))


def with_detail_relations(dossier: Dossier) -> Dossier:
    """Load the related objects and sets the detail shows that the object does not hold yet; the current step
    is one of its steps."""
    prefetch_related_objects([dossier], *DETAIL_FETCHED, *DETAIL_PREFETCH)
    if dossier.current_step_id is not None and not Dossier.current_step.is_cached(dossier):
        current = next((s for s in dossier.steps.all() if s.pk == dossier.current_step_id), None)
        if current is not None:
            dossier.current_step = current
    return dossier


def holds_detail_relations(dossier: Dossier) -> bool:
    """True for an object that already holds every related set of the detail (a dossier just created)."""
    cache = getattr(dossier, "_prefetched_objects_cache", {})
    return all((p.prefetch_to if isinstance(p, Prefetch) else p) in cache for p in DETAIL_PREFETCH)


def dossier_for(*, user: User, code: str) -> Dossier:
    """One dossier the user may see; a dossier outside their scope is 'not found', never 'forbidden'."""
    dossier = dossiers_visible_to(user).select_related(*DETAIL_RELATED).filter(code=code)
    # Not .first(): its ORDER BY id LIMIT 1 can lead PostgreSQL to walk the primary key instead of the code index.
    dossier = next(iter(dossier[:1]), None)
    if dossier is None:
        raise DossierNotFound(details={"code": code})
    return dossier


def sees_personal_data(dossier: Dossier, user: User) -> bool:
    """The owner and the officers of the agencies handling the dossier; everyone else sees it masked."""
    if not user.is_authenticated:
        return False
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    agencies = set(_officer_agencies(user))
    if agencies & {dossier.receiving_agency_id, dossier.competent_agency_id, dossier.current_agency_id}:
        return True
    return scope.seen_by(dossier=dossier, agency_ids=agencies)


LIST_RELATED = ("procedure_version__procedure", "receiving_agency", "competent_agency", "current_agency")


def dossiers_search(
    *,
    user: User,
    status: str | None = None,
    timing: str | None = None,
    agency: str | None = None,
    procedure: str | None = None,
    received_from: datetime | None = None,
    received_to: datetime | None = None,
    seen: Visibility | None = None,
) -> QuerySet[Dossier]:
    """The caller's dossiers, newest first (by id: unique and never changing, so keyset pages are stable).

    `agency` (a code) keeps the dossiers that agency has a hand in (its scope rows), within the caller's own.
    The due-moment order is the queues' (agency_queue, officer_queue): over open dossiers only, where the
    partial indexes serve it."""
    qs = dossiers_visible_to(user, seen=seen).select_related(*LIST_RELATED)
    if status:
        qs = qs.filter(status__in=[s for s in status.split(",") if s])
    if agency:
        agency_id = _agency_id(agency)
        if agency_id is None:
            return qs.none()
        qs = qs.filter(pk__in=scope.dossier_ids_seen_by([agency_id]))
    if procedure:
        qs = qs.filter(procedure_version__procedure__code=procedure)
    if received_from:
        qs = qs.filter(received_at__gte=received_from)
    if received_to:
        qs = qs.filter(received_at__lt=received_to)
    return with_timing(qs, timing).order_by("-pk")


def _agency_id(code: str) -> int | None:
    return Agency.objects.filter(code=code).values_list("pk", flat=True).first()


class ListKeys(NamedTuple):
    """The ids of a dossier list as a flat values queryset, the name of its id column, and what the list is
    (the caller's scope and the filters, as text): a list pages over the ids newest first (`key` descending),
    then loads one page of rows with `dossier_list_values`; `scope` names the list for a remembered count."""

    ids: QuerySet
    key: str
    scope: str


def _scope_name(seen: Visibility, user: User, filters: dict[str, Any]) -> str:
    """The same text for every caller who sees the same dossiers through the same filters (officers of the
    same agencies share it; an applicant's is their own)."""
    if seen.all:
        who = "all"
    else:
        who = "a" + ",".join(map(str, seen.agencies))
        if seen.own or not seen.agencies:
            who += f"u{user.pk}"
    shown = sorted(
        (name, value.isoformat() if isinstance(value, datetime) else str(value))
        for name, value in filters.items()
    )
    return who + "|" + "&".join(f"{name}={value}" for name, value in shown)


def dossier_list_keys(*, user: User, **filters: Any) -> ListKeys:
    """The ids of `dossiers_search(user=user, **filters)`.

    The lists read most, one agency's dossiers without other filters (an officer of one agency, or an
    inspector or administrator with only `agency=`), are read off the scope rows alone: their primary key
    (agency, dossier) gives the ids in order and counts them without touching the dossiers. Everything else
    pages over the dossiers' ids with the filters applied."""
    active = {name: value for name, value in filters.items() if value}
    seen = visibility_of(user)
    scope_name = _scope_name(seen, user, active)
    agency_id = None
    if not active and len(seen.agencies) == 1 and not seen.own:
        agency_id = seen.agencies[0]
    elif set(active) == {"agency"} and seen.all:
        agency_id = _agency_id(active["agency"])
        if agency_id is None:
            return ListKeys(Dossier.objects.none().values_list("pk", flat=True), "pk", scope_name)
    if agency_id is not None:
        rows = DossierAgency.objects.filter(agency_id=agency_id)
        return ListKeys(rows.values_list("dossier_id", flat=True), "dossier_id", scope_name)
    ids = dossiers_search(user=user, seen=seen, **filters).select_related(None).values_list("pk", flat=True)
    return ListKeys(ids, "pk", scope_name)


def dossiers_by_ids(ids: list[int]) -> list[Dossier]:
    """The dossiers with these ids, with what a list row shows, in the order of `ids`."""
    rows = Dossier.objects.select_related(*LIST_RELATED).in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


# What a list row shows, as plain values, in the order of the statement's columns.
LIST_COLUMNS = (
    "id",
    "code",
    "procedure_code",
    "procedure_name",
    "procedure_name_en",
    "status",
    "channel",
    "applicant_name",
    "receiving_agency",
    "competent_agency",
    "current_agency",
    "is_express",
    "version",
)
LIST_MOMENTS = ("submitted_at", "received_at", "due_at", "rescheduled_due_at", "resolved_at", "returned_at")


# One page of rows by id, newest first. The agencies' codes and the procedure's code and names are scalar
# subqueries by primary key rather than joins: planning five joins cost PostgreSQL more than running the whole
# statement (about 1 ms of 1.3), and building them through the ORM more than that again. The moments are read as
# text and parsed with `datetime.fromisoformat`, cheaper than the driver's own loader. Plain SQL (PostgreSQL and
# SQLite); tests/api/test_dossier_list.py pins the rows to DossierSummarySerializer's.
LIST_STATEMENT = """
SELECT d.id, d.code,
  (SELECT p.code FROM catalog_procedure p JOIN catalog_procedureversion v ON v.procedure_id = p.id
    WHERE v.id = d.procedure_version_id),
  (SELECT v.name FROM catalog_procedureversion v WHERE v.id = d.procedure_version_id),
  (SELECT v.name_en FROM catalog_procedureversion v WHERE v.id = d.procedure_version_id),
  d.status, d.channel, d.applicant_name,
  (SELECT a.code FROM organization_agency a WHERE a.id = d.receiving_agency_id),
  (SELECT a.code FROM organization_agency a WHERE a.id = d.competent_agency_id),
  (SELECT a.code FROM organization_agency a WHERE a.id = d.current_agency_id),
  d.is_express, d.version,
  CAST(d.submitted_at AS TEXT), CAST(d.received_at AS TEXT), CAST(d.due_at AS TEXT),
  CAST(d.rescheduled_due_at AS TEXT), CAST(d.resolved_at AS TEXT), CAST(d.returned_at AS TEXT)
FROM dossiers_dossier d WHERE d.id IN ({ids}) ORDER BY d.id DESC
"""


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def dossier_list_values(ids: Iterable[int]) -> list[dict[str, Any]]:
    """LIST_COLUMNS and LIST_MOMENTS (aware datetimes) of the dossiers with these ids, newest first, in one
    statement."""
    ids = list(ids)
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(LIST_STATEMENT.format(ids=", ".join(["%s"] * len(ids))), ids)
        fetched = cursor.fetchall()
    width = len(LIST_COLUMNS)
    rows = []
    for values in fetched:
        row = dict(zip(LIST_COLUMNS, values[:width], strict=True))
        row["is_express"] = bool(row["is_express"])  # 0/1 on SQLite
        for name, text in zip(LIST_MOMENTS, values[width:], strict=True):
            row[name] = _moment(text)
        rows.append(row)
    return rows


def agency_queue(
    *, agency: Agency, timing: str | None = None, as_of: datetime | None = None
) -> QuerySet[Dossier]:
    """Open dossiers sitting at the agency now, soonest due first."""
    qs = Dossier.objects.filter(current_agency=agency, status__in=OPEN_STATUSES)
    return with_timing(qs, timing, as_of=as_of).order_by("due_at", "id")


def officer_queue(
    *, user: User, timing: str | None = None, as_of: datetime | None = None
) -> QuerySet[Dossier]:
    """Open dossiers assigned to the officer, soonest due first."""
    qs = Dossier.objects.filter(assignee=user, status__in=OPEN_STATUSES)
    return with_timing(qs, timing, as_of=as_of).order_by("due_at", "id")


def dossiers_overdue(*, agency: Agency | None = None, as_of: datetime | None = None) -> QuerySet[Dossier]:
    qs = Dossier.objects.filter(status__in=PROCESSING, due_at__lt=as_of or clock.now())
    if agency is not None:
        qs = qs.filter(current_agency=agency)
    return qs.order_by("due_at", "id")


def dossiers_due_within(
    *, hours: int, agency: Agency | None = None, as_of: datetime | None = None
) -> QuerySet[Dossier]:
    """Still within time, but due within `hours` working hours (of the agency's calendar)."""
    as_of = as_of or clock.now()
    limit = deadlines.due_moment(
        start=as_of, kind=deadlines.WORKING_MINUTES, amount=hours * 60, agency=agency
    )
    qs = Dossier.objects.filter(status__in=PROCESSING, due_at__gte=as_of, due_at__lte=limit)
    if agency is not None:
        qs = qs.filter(current_agency=agency)
    return qs.order_by("due_at", "id")


def dossiers_paused(*, agency: Agency | None = None) -> QuerySet[Dossier]:
    qs = Dossier.objects.filter(status=Status.AWAITING_SUPPLEMENT)
    if agency is not None:
        qs = qs.filter(current_agency=agency)
    return qs.order_by("due_at", "id")


def timing_counts(queryset: QuerySet[Dossier], *, as_of: datetime | None = None) -> dict[str, int]:
    """How many dossiers of the queryset fall in each timing class (one query)."""
    as_of = as_of or clock.now()
    annotated = queryset.annotate(
        _due_day=TruncDate("due_at", tzinfo=clock.LOCAL_TZ),
        _resolved_day=TruncDate("resolved_at", tzinfo=clock.LOCAL_TZ),
    )
    aggregates: dict[str, Any] = {t: Count("pk", filter=_timing_q(t, as_of)) for t in Timing.ALL}
    return annotated.aggregate(**aggregates)


def events_of(*, dossier: Dossier) -> QuerySet[Event]:
    return Event.objects.filter(dossier=dossier).select_related("actor", "agency").order_by("seq")


def public_status(*, code: str, secret: str | None = None) -> dict[str, Any]:
    """What anyone may read with a dossier code: status, procedure, appointment; no personal data.
    With the receipt's secret, also the timeline (what happened when, at which agency; no officers' names)."""
    code = code.strip().upper()  # codes are upper case; a code typed from a receipt may not be
    dossier = (
        Dossier.objects.select_related("procedure_version__procedure", "group")
        .filter(code=code)
        .exclude(status=Status.DRAFT)  # a draft was never sent: nothing to look up
        .first()
    )
    if dossier is None:
        raise DossierNotFound(details={"code": code})
    procedure = dossier.procedure_version or dossier.group
    result: dict[str, Any] = {
        "code": dossier.code,
        "status": dossier.status,
        "status_display": dossier.status_display,
        "procedure": getattr(procedure, "procedure", procedure).code if procedure else None,
        "procedure_name": procedure.display_name if procedure else None,
        "received_at": dossier.received_at,
        "appointment": dossier.appointment,
        "resolved_at": dossier.resolved_at,
    }
    if secret is None or secret == "":
        return result
    # Compared as UTF-8 bytes: compare_digest refuses str with non-ASCII characters (any text may be typed).
    if not hmac.compare_digest(secret.strip().upper().encode(), dossier.lookup_secret.upper().encode()):
        raise PermissionDenied(
            "Mã tra cứu không đúng. Xem mã tra cứu trên giấy tiếp nhận hồ sơ.",
            "The lookup secret is wrong. It is printed on the dossier receipt.",
            code="invalid_lookup_secret",
        )
    # What happened while the draft was being written (saves, uploads) is the applicant's own work, not a step of
    # the dossier: the timeline starts when it was sent.
    events = (
        Event.objects.filter(dossier=dossier)
        .exclude(to_status=Status.DRAFT)
        .select_related("agency")
        .order_by("seq")
    )
    result["timeline"] = [
        {
            "at": event.at,
            "kind": event.kind,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "agency": event.agency.display_name if event.agency_id else None,
        }
        for event in events
    ]
    return result


def dossiers_of_applicant(*, user: User) -> QuerySet[Dossier]:
    """The dossiers a person filed for themselves ("my dossiers"), newest first, whatever other roles they
    hold: an officer's agency queue is not their own dossiers."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    return Dossier.objects.filter(applicant=user).select_related(*LIST_RELATED).order_by("-pk")


def dossier_of_applicant(*, user: User, code: str) -> Dossier:
    """One of the person's own dossiers, with its documents; any other code is 'not found'."""
    dossier = next(iter(dossiers_of_applicant(user=user).filter(code=code)[:1]), None)
    if dossier is None:
        raise DossierNotFound(details={"code": code})
    prefetch_related_objects([dossier], "documents")
    return dossier


# What the applicant is asked to do while the dossier waits for them: the latest request of these kinds.
REQUEST_KIND_BY_STATUS = {
    Status.NEEDS_COMPLETION: EventKind.COMPLETION_REQUESTED,
    Status.AWAITING_SUPPLEMENT: EventKind.SUPPLEMENT_REQUESTED,
}


class RequestedItem(NamedTuple):
    """One item the applicant is asked for: its text, the procedure's component of that name (its code, else
    empty: the officer's own wording), and the files the applicant has sent for it since the request."""

    index: int
    text: str
    component_code: str
    documents: list


def request_to_applicant(*, dossier: Dossier) -> dict[str, Any] | None:
    """While the dossier waits for the applicant (completion guidance before receipt, or a supplement request
    during processing): the kind of request, when and by which agency, its reason or note, and every item
    asked for (`RequestedItem`). None when nothing is asked."""
    kind = REQUEST_KIND_BY_STATUS.get(dossier.status)
    if kind is None:
        return None
    event = Event.objects.filter(dossier=dossier, kind=kind).select_related("agency").order_by("-seq").first()
    payload = event.payload if event is not None else {}
    items = list(dossier.missing_items or payload.get("items") or [])
    return {
        "kind": kind,
        "at": event.at if event is not None else None,
        "agency": event.agency.display_name if event is not None and event.agency_id else None,
        "reason": payload.get("reason") or payload.get("note") or "",
        "items": _requested_items(dossier, items, since_seq=event.seq if event is not None else 0),
    }


def _requested_items(dossier: Dossier, items: list[str], *, since_seq: int) -> list[RequestedItem]:
    components: dict[str, str] = {}
    if dossier.procedure_version_id:
        for code, name in dossier.procedure_version.documents.values_list("code", "name"):
            components.setdefault(nfc(name).casefold(), code)
    sent: dict[str, list[int]] = {}
    added = Event.objects.filter(dossier=dossier, kind=EventKind.DOCUMENT_ADDED, seq__gt=since_seq)
    for payload in added.values_list("payload", flat=True):
        if payload.get("item"):
            sent.setdefault(payload["item"], []).append(payload.get("document"))
    documents = {document.pk: document for document in dossier.documents.all()}
    return [
        RequestedItem(
            index=index,
            text=text,
            component_code=components.get(nfc(text).casefold(), ""),
            documents=[documents[pk] for pk in sent.get(text, []) if pk in documents],
        )
        for index, text in enumerate(items)
    ]


def document_withheld(*, dossier: Dossier, user: User, source: str) -> bool:
    """A result document attached before the leader decided is the handling officers' draft: anyone else who
    sees the dossier (its applicant, the inspector) gets it only once the dossier has its result."""
    return (
        source == Source.ISSUED_RESULT
        and dossier.status not in RESULT_STATUSES
        and not handles(dossier, user)
    )


def documents_shown(*, dossier: Dossier, user: User) -> list:
    """The dossier's documents `user` may know of: every one but a result withheld from them (`document_withheld`:
    until the leader decides, not even its name)."""
    return [
        document
        for document in dossier.documents.all()
        if not document_withheld(dossier=dossier, user=user, source=document.source)
    ]


def result_documents(*, dossier: Dossier) -> list:
    """The signed result the applicant may download: the issued result documents, once the dossier has its
    result (a result is attached before the leader resolves the dossier; until then it is not the applicant's)."""
    if dossier.status not in RESULT_STATUSES:
        return []
    return [document for document in dossier.documents.all() if document.source == Source.ISSUED_RESULT]
