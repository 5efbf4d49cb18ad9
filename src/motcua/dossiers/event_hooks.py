"""Who hears of each event as it is appended, inside the event's own transaction.

The layers above the dossiers (indicators, feedback) keep their own rows in step with the log without the
dossiers importing them: they subscribe when their app is ready, and `append_event` tells each subscriber of
every event it writes. A subscriber's error rolls the whole change back, as any other write in it would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Dossier, Event

Subscriber = Callable[["Dossier", "Event"], None]

_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> None:
    """Add a subscriber once (an app's `ready()` may run more than once in tests)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def event_appended(dossier: Dossier, event: Event) -> None:
    for subscriber in _subscribers:
        subscriber(dossier, event)


# Events written in bulk (the historical import), in two steps: `tally` reads a batch's (dossier, event) pairs,
# each dossier as it stands after all its events, and sums what the subscriber keeps, without the database (a
# first load tallies in worker processes that may not query); `write` adds a tally to the subscriber's rows.
# Tallies of several batches are summed with `merge` and written once.


@dataclass(frozen=True)
class BulkSubscriber:
    tally: Callable[[list[tuple[Dossier, Event]]], Any]
    merge: Callable[[Any, Any], Any]
    write: Callable[[Any], None]


_bulk_subscribers: list[BulkSubscriber] = []


def subscribe_bulk(subscriber: BulkSubscriber) -> None:
    if subscriber not in _bulk_subscribers:
        _bulk_subscribers.append(subscriber)


def tallies_of(pairs: list[tuple[Dossier, Event]]) -> list[Any]:
    """Each bulk subscriber's tally of the pairs (no database access)."""
    return [subscriber.tally(pairs) for subscriber in _bulk_subscribers]


def merged_tallies(into: list[Any] | None, more: list[Any]) -> list[Any]:
    if into is None:
        return more
    return [s.merge(a, b) for s, a, b in zip(_bulk_subscribers, into, more, strict=True)]


def write_tallies(tallies: list[Any]) -> None:
    for subscriber, tally in zip(_bulk_subscribers, tallies, strict=True):
        subscriber.write(tally)


def events_written_in_bulk(pairs: list[tuple[Dossier, Event]]) -> None:
    write_tallies(tallies_of(pairs))
