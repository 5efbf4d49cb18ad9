"""Who hears of each feedback entry as it is appended, inside its transaction (the indicators keep their counts
in step this way without this app importing them; see motcua.dossiers.event_hooks for the same for dossiers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Entry, Feedback

Subscriber = Callable[["Feedback", "Entry"], None]

_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> None:
    """Add a subscriber once (an app's `ready()` may run more than once in tests)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def entry_appended(feedback: Feedback, entry: Entry) -> None:
    for subscriber in _subscribers:
        subscriber(feedback, entry)
