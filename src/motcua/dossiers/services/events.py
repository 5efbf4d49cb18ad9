"""The hash-chained event log of a dossier, and the outbox message each event announces."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from motcua.accounts.models import User
from motcua.core.hashchain import GENESIS_HASH, canonical_json, chain_hash
from motcua.core.row_insert import insert_new
from motcua.notifications.kicks import deliver_after_commit
from motcua.notifications.services import outbox_put

from ..event_hooks import event_appended
from ..messages import applicant_message
from ..models import Dossier, Event


def _normalized(payload: dict[str, Any]) -> dict[str, Any]:
    # What is stored must hash exactly as what was hashed: round-trip through the canonical JSON.
    return json.loads(canonical_json(payload))


def append_event(
    *,
    dossier: Dossier,
    kind: str,
    actor: User | None,
    agency_id: int | None,
    at: datetime,
    from_status: str = "",
    to_status: str = "",
    payload: dict[str, Any] | None = None,
    first: bool = False,
) -> Event:
    """Append one event to the dossier's chain (the dossier row must be locked, or new).

    `first`: the dossier was created in this transaction and has no event yet (no need to look for the last).
    """
    last = (
        None
        if first
        else Event.objects.filter(dossier=dossier).order_by("-seq").values_list("seq", "hash").first()
    )
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    event = Event(
        dossier=dossier,
        seq=seq,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        agency_id=agency_id,
        at=at,
        from_status=from_status,
        to_status=to_status,
        payload=_normalized(payload or {}),
        previous_hash=previous,
    )
    event.hash = chain_hash(previous, event.hashed_content())
    insert_new(event)
    event_appended(dossier, event)
    _announce(dossier, event)
    return event


def _announce(dossier: Dossier, event: Event) -> None:
    """One outbox row per event; the applicant's message and address only on the events they are told of."""
    payload: dict[str, Any] = {"code": dossier.code, "status": dossier.status}
    message = applicant_message(dossier=dossier, kind=event.kind, payload=event.payload)
    if message is not None:
        payload.update(message)
    outbox_put(event_id=event.pk, type=event.kind, dossier_id=dossier.pk, payload=payload, at=event.at)
    deliver_after_commit()
