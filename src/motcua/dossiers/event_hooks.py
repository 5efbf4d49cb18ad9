"""Who hears of each event as it is appended, inside the event's own transaction.

The layers above the dossiers (indicators, feedback) keep their own rows in step with the log without the
dossiers importing them: they subscribe when their app is ready, and `append_event` tells each subscriber of
every event it writes. A subscriber's error rolls the whole change back, as any other write in it would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

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


# Events written in bulk (the historical import): one call per batch with every (dossier, event) pair, each
# dossier as it stands after all its events, so a subscriber can add its counts in a few statements.
BulkSubscriber = Callable[[list[tuple["Dossier", "Event"]]], None]

_bulk_subscribers: list[BulkSubscriber] = []


def subscribe_bulk(subscriber: BulkSubscriber) -> None:
    if subscriber not in _bulk_subscribers:
        _bulk_subscribers.append(subscriber)


def events_written_in_bulk(pairs: list[tuple[Dossier, Event]]) -> None:
    for subscriber in _bulk_subscribers:
        subscriber(pairs)
