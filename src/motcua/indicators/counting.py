"""Which counts an event moves, and adding them to the day's row in the event's own transaction.

`measures_for` is a pure function of the event and the dossier as it stands once the event is written; the
fields it reads (competent agency, procedure version, channel, legal due moment, fees) no longer change after
the events that read them, so the rebuild can apply it to today's dossier rows and reach the same counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection

from motcua.catalog.models import Channel
from motcua.core import clock
from motcua.dossiers.event_hooks import BulkSubscriber
from motcua.dossiers.models import OPEN_STATUSES, Dossier, Event, EventKind, FeeStatus, Outcome, Rating
from motcua.dossiers.selectors import resolution_timing

from .models import MEASURES, DailyCount
from .monthly import forget_months

_RECEIVED_BY_CHANNEL = {
    Channel.ONLINE: "received_online",
    Channel.COUNTER: "received_direct",
    Channel.HOME: "received_direct",
    Channel.POSTAL: "received_postal",
}
_RATED = {
    Rating.Level.VERY_SATISFIED: "rated_very_satisfied",
    Rating.Level.SATISFIED: "rated_satisfied",
    Rating.Level.NOT_SATISFIED: "rated_not_satisfied",
}


def local_day(moment: datetime) -> date:
    return clock.to_local(moment).date()


def measures_for(
    *,
    procedure_version_id: int | None,
    channel: str,
    due_at: datetime | None,
    fee_total: int,
    fee_status: str,
    kind: str,
    at: datetime,
    from_status: str,
    payload: dict,
) -> list[str]:
    """The measures one event adds 1 to; nothing for a group's parent (its children are counted)."""
    if procedure_version_id is None:
        return []
    if kind == EventKind.RECEIVED:
        # The event says what its documents were at receipt (events written before it said so count as not).
        measures = ["received", _RECEIVED_BY_CHANNEL[channel]]
        if payload.get("digitized"):
            measures.append("received_digitized")
        if payload.get("reused"):
            measures.append("received_reused")
        return measures
    if kind == EventKind.RESOLVED and due_at is not None:
        measures = [resolution_timing(resolved_at=at, due_at=due_at)]
        if payload.get("outcome") == Outcome.APPROVED:
            measures.append("results_approved")
            if payload.get("electronic_result"):
                measures.append("results_electronic")
        if fee_total:
            measures.append("fee_bearing")
            # The fee status at the result, as its event recorded it (events written before it did, and
            # imported ones, hold none: the dossier's, which cannot have changed after them).
            if payload.get("fee_status", fee_status) == FeeStatus.PAID_ONLINE:
                measures.append("paid_online")
        return measures
    if kind == EventKind.PAID:
        # Paid online before the result: counted with the result (above). Paid after it: counted on the day
        # of the payment, since the result's day counted the dossier unpaid. Never twice.
        return ["paid_online"] if payload.get("method") == "online" and payload.get("after_result") else []
    if kind == EventKind.WITHDRAWN:
        return ["withdrawn"] if from_status in OPEN_STATUSES else []
    if kind == EventKind.RATED:
        level = _RATED.get(payload.get("level"))
        return [level] if level else []
    simple = {
        EventKind.RETURNED: "returned",
        EventKind.REFUSED: "refused",
        EventKind.STOPPED: "stopped",
        EventKind.SUPPLEMENT_REQUESTED: "supplement_requests",
        EventKind.APOLOGIZED: "apologies",
    }.get(kind)
    return [simple] if simple else []


def add_counts(*, agency_id: int, procedure_version_id: int, day: date, counts: Counter[str]) -> None:
    """Add `counts` to the row of (agency, the version's sector, day), creating it if needed: one statement,
    so that two transactions counting on the same row wait for each other instead of losing an update."""
    measures = [m for m in MEASURES if counts.get(m)]
    if not measures:
        return
    quote = connection.ops.quote_name
    table = quote(DailyCount._meta.db_table)
    columns = ", ".join(quote(m) for m in measures)
    values = ", ".join(["%s"] * len(measures))
    updates = ", ".join(f"{quote(m)} = {table}.{quote(m)} + excluded.{quote(m)}" for m in measures)
    zeros = [m for m in MEASURES if m not in measures]
    zero_columns = "".join(f", {quote(m)}" for m in zeros)
    zero_values = ", 0" * len(zeros)
    # Names come from the model; values are bound parameters.
    sql = (
        f"INSERT INTO {table} (agency_id, sector_id, day, {columns}{zero_columns}) "  # noqa: S608
        f"SELECT %s, p.sector_id, %s, {values}{zero_values} "
        "FROM catalog_procedureversion v JOIN catalog_procedure p ON p.id = v.procedure_id WHERE v.id = %s "
        f"ON CONFLICT (agency_id, sector_id, day) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency_id, day, *(counts[m] for m in measures), procedure_version_id])
    forget_months(days=[day])


def _measures_of(dossier: Dossier, event: Event) -> list[str]:
    return measures_for(
        procedure_version_id=dossier.procedure_version_id,
        channel=dossier.channel,
        due_at=dossier.due_at,
        fee_total=dossier.fee_total,
        fee_status=dossier.fee_status,
        kind=event.kind,
        at=event.at,
        from_status=event.from_status,
        payload=event.payload,
    )


Tally = dict[tuple[int, int, date], Counter[str]]


def tally_events(pairs: list[tuple[Dossier, Event]]) -> Tally:
    """For events written in bulk (the historical import): the same measures as `count_event`, summed per
    (agency, sector, day), without the database."""
    sector_of: dict[int, int] = {}
    grouped: Tally = {}
    for dossier, event in pairs:
        measures = _measures_of(dossier, event)
        if not measures:
            continue
        version_id = dossier.procedure_version_id
        if version_id not in sector_of:
            sector_of[version_id] = dossier.procedure_version.procedure.sector_id
        key = (dossier.competent_agency_id, sector_of[version_id], local_day(event.at))
        counts = grouped.get(key)
        if counts is None:  # not setdefault: a Counter made for every event costs more than its counting
            counts = grouped[key] = Counter()
        counts.update(measures)
    return grouped


def merge_tallies(into: Tally, more: Tally) -> Tally:
    for key, counts in more.items():
        if key in into:
            into[key].update(counts)
        else:
            into[key] = counts
    return into


def write_tally(grouped: Tally) -> None:
    """Add a tally to the daily rows in one statement."""
    if grouped:
        _add_rows(grouped)


BULK_COUNTING = BulkSubscriber(tally=tally_events, merge=merge_tallies, write=write_tally)


def _array_text(values: Iterable[object]) -> str:
    return "{" + ",".join(map(str, values)) + "}"


def _add_rows(grouped: dict[tuple[int, int, date], Counter[str]]) -> None:
    """Add each row's counts (one multi-row INSERT ... ON CONFLICT DO UPDATE, rows in key order so that two
    such statements take their row locks in the same order)."""
    quote = connection.ops.quote_name
    table = quote(DailyCount._meta.db_table)
    columns = ", ".join(quote(m) for m in MEASURES)
    updates = ", ".join(f"{quote(m)} = {table}.{quote(m)} + excluded.{quote(m)}" for m in MEASURES)
    row = "(" + ", ".join(["%s"] * (3 + len(MEASURES))) + ")"
    keys = sorted(grouped)
    forget_months(days={key[2] for key in keys})
    if connection.vendor == "postgresql":
        # One array per column: the statement's text stays the same size however many rows it adds. Each is
        # passed as its text ({1,2,3}: numbers and ISO dates, nothing to quote), which costs far less to make
        # than having the driver adapt thousands of values one by one.
        arrays = [
            _array_text(k[0] for k in keys),
            _array_text(k[1] for k in keys),
            _array_text(k[2] for k in keys),
            *(_array_text(grouped[k][m] for k in keys) for m in MEASURES),
        ]
        casts = ", ".join(["%s::bigint[]", "%s::bigint[]", "%s::date[]"] + ["%s::integer[]"] * len(MEASURES))
        sql = (
            f"INSERT INTO {table} (agency_id, sector_id, day, {columns}) "  # noqa: S608
            f"SELECT * FROM unnest({casts}) "
            f"ON CONFLICT (agency_id, sector_id, day) DO UPDATE SET {updates}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, arrays)
        return
    for start in range(0, len(keys), 1000):
        chunk = keys[start : start + 1000]
        params = [
            value for key in chunk for value in (key[0], key[1], key[2], *(grouped[key][m] for m in MEASURES))
        ]
        # Names come from the model; values are bound parameters.
        sql = (
            f"INSERT INTO {table} (agency_id, sector_id, day, {columns}) "  # noqa: S608
            f"VALUES {', '.join([row] * len(chunk))} "
            f"ON CONFLICT (agency_id, sector_id, day) DO UPDATE SET {updates}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def count_event(dossier: Dossier, event: Event) -> None:
    """The subscriber `append_event` calls for every event (see motcua.dossiers.event_hooks)."""
    measures = _measures_of(dossier, event)
    if measures:
        add_counts(
            agency_id=dossier.competent_agency_id,
            procedure_version_id=dossier.procedure_version_id,
            day=local_day(event.at),
            counts=Counter(measures),
        )
