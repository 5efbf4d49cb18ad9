"""A value computed at most a given number of seconds ago, shared by every process through the cache.

For figures that are costly to compute and asked for often (the whole city's open dossiers, the service index
of a period): one computation per interval instead of one per request. The age is judged on the application's
clock (motcua.core.clock), so a value is never served for a moment earlier than the one it was computed at.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.core.cache import cache

from . import clock

T = TypeVar("T")


def recently_computed(*, key: str, seconds: int, compute: Callable[[], T]) -> tuple[datetime, T]:
    """compute()'s value and the moment it was computed: taken from the cache when computed less than `seconds`
    ago, else computed now and kept for the next callers. 0 computes on every call."""
    now = clock.now()
    if seconds <= 0:
        return now, compute()
    kept = cache.get(key)
    if kept is None or not (0 <= (now - kept[0]).total_seconds() < seconds):
        kept = (now, compute())
        cache.set(key, kept, seconds)
    return kept
