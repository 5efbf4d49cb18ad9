"""Checking the tamper-evident process-control log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from motcua.core.hashchain import ChainBreak, verify_chain

from .models import Dossier, Event


def verify_events(events: list[Event]) -> ChainBreak | None:
    """The first break among one dossier's events (in order), or None."""
    return verify_chain((e.previous_hash, e.hash, e.hashed_content()) for e in events)


def chain_break(*, dossier_id: int) -> ChainBreak | None:
    """The first break in one dossier's chain, or None when every event verifies."""
    events = Event.objects.filter(dossier_id=dossier_id).order_by("seq")
    links = ((e.previous_hash, e.hash, e.hashed_content()) for e in events.iterator(chunk_size=500))
    return verify_chain(links)


@dataclass(frozen=True)
class BrokenChain:
    dossier_id: int
    code: str
    brk: ChainBreak


def broken_chains() -> Iterator[BrokenChain]:
    """Walk every dossier's chain; yield each that does not verify."""
    current_id, code, links = None, "", []
    codes = dict(Dossier.objects.values_list("id", "code").iterator(chunk_size=5000))
    events = Event.objects.order_by("dossier_id", "seq").iterator(chunk_size=2000)
    for event in events:
        if event.dossier_id != current_id:
            if current_id is not None:
                found = verify_chain(links)
                if found:
                    yield BrokenChain(current_id, code, found)
            current_id, code, links = event.dossier_id, codes.get(event.dossier_id, "?"), []
        links.append((event.previous_hash, event.hash, event.hashed_content()))
    if current_id is not None:
        found = verify_chain(links)
        if found:
            yield BrokenChain(current_id, code, found)
