"""Building blocks shared by every stage: codes, locking, version checks, saving a change with its event."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Q, Subquery

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import StaleVersion, ValidationFailed
from motcua.core.text import nfc
from motcua.organization.models import Agency

from .. import workflow
from ..errors import DossierNotFound
from ..models import DailySequence, Dossier, Event, PauseInterval, Step
from .events import append_event


def next_code(*, agency: Agency, at: datetime) -> str:
    """`<agency code>-<YYMMDD>-<NNNN>`: the agency's next number of the local day. Call inside a transaction.

    One statement creates the day's row or increments it (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`,
    PostgreSQL and SQLite >= 3.35). The row stays locked until commit, so concurrent submissions at one agency
    queue on it and get consecutive numbers; a rolled-back submission rolls its number back too (no gaps).
    """
    day = clock.to_local(at).date()
    table = connection.ops.quote_name(DailySequence._meta.db_table)  # identifiers from the model, no input
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_value) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [agency.pk, connection.ops.adapt_datefield_value(day)],
        )
        (value,) = cursor.fetchone()
    return f"{agency.code}-{day:%y%m%d}-{value:04d}"


def _lock(code: str) -> Dossier:
    """Lock the dossier row, and its group parent's first when it has one.

    Rows are locked in primary-key order (a parent is always older than its children), the same order in
    which an action on the parent locks its children, so a child's action and the parent's cannot deadlock.
    """
    parent_id = Dossier.objects.filter(code=code).values("parent_id")[:1]
    rows = list(
        Dossier.objects.select_for_update(of=("self",))
        .select_related("current_step", "procedure_version", "receiving_agency", "competent_agency")
        .filter(Q(code=code) | Q(pk=Subquery(parent_id)))
        .order_by("pk")
    )
    for row in rows:
        if row.code == code:
            return row
    raise DossierNotFound(details={"code": code})


def _begin(*, code: str, action: str, actor: User, version: int | None) -> Dossier:
    dossier = _lock(code)
    workflow.ensure_allowed(dossier, action, actor)
    if version is None or int(version) != dossier.version:
        raise StaleVersion(details={"expected": dossier.version, "given": version})
    return dossier


def _change(
    dossier: Dossier,
    *,
    kind: str,
    actor: User | None,
    at: datetime,
    from_status: str,
    fields: Iterable[str],
    payload: dict[str, Any] | None = None,
    agency_id: int | None = None,
) -> Event:
    dossier.version += 1
    dossier.save(update_fields=sorted({"version", "status", *fields}))
    return append_event(
        dossier=dossier,
        kind=kind,
        actor=actor,
        agency_id=agency_id if agency_id is not None else dossier.current_agency_id,
        at=at,
        from_status=from_status,
        to_status=dossier.status,
        payload=payload,
    )


def _children_locked(
    dossier: Dossier, *, statuses: Iterable[str] | None = None, related: Iterable[str] = ()
) -> list[Dossier]:
    """A group's children (those in `statuses`, else all), locked in primary-key order: after their parent,
    which the caller holds (see `_lock`). Only a group's parent has children: no query for any other dossier."""
    if not dossier.group_id:
        return []
    rows = dossier.children.select_for_update(of=("self",)).select_related(*related).order_by("pk")
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    return list(rows)


def _change_with_children(
    dossier: Dossier,
    apply: Callable[[Dossier], dict[str, Any] | None],
    *,
    kind: str,
    actor: User | None,
    at: datetime,
    fields: Iterable[str],
    children_in: Iterable[str] | None = None,
    related: Iterable[str] = (),
    agency_id: Callable[[Dossier], int | None] | None = None,
) -> Event:
    """One change to a dossier and, when it is a group's parent, the same change to each of its children (those
    in `children_in`, else all), as for receipt, refusal, resubmission, return and withdrawal.

    The children are locked first (primary-key order, `related` read with them). `apply` changes one row in
    memory and returns its event's payload; each row is saved with its own event, which records that row's own
    previous status. Returns the dossier's event.
    """
    children = _children_locked(dossier, statuses=children_in, related=related)
    fields = tuple(fields)

    def change(row: Dossier) -> Event:
        before = row.status
        payload = apply(row)
        return _change(
            row,
            kind=kind,
            actor=actor,
            at=at,
            from_status=before,
            fields=fields,
            payload=payload,
            agency_id=agency_id(row) if agency_id is not None else None,
        )

    event = change(dossier)
    for child in children:
        change(child)
    return event


def _required_text(value: str | None, field_name: str, vi: str, en: str) -> str:
    text = nfc(value or "")
    if not text:
        raise ValidationFailed(vi, en, code="required", details={field_name: [vi]})
    return text


def _reasons(value: str | None) -> str:
    return _required_text(value, "reasons", "Nêu rõ lý do.", "Give the reasons.")


def _items(values: Iterable[str] | None) -> list[str]:
    return [nfc(str(v)) for v in (values or []) if nfc(str(v))]


def _close(dossier: Dossier, *, status: str, reasons: str, now: datetime) -> None:
    dossier.status = status
    dossier.reasons = reasons
    dossier.closed_at = now
    PauseInterval.objects.filter(dossier=dossier, ended_at__isnull=True).update(ended_at=now)
    Step.objects.filter(dossier=dossier, started_at__isnull=False, finished_at__isnull=True).update(
        finished_at=now, outcome=status
    )
