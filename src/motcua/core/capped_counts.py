"""Counts that stop at a cap, and lists remembered for a while as having reached it.

Counting a busy agency's list to its cap reads as many index entries as the cap, on every page view; a set
that large does not fall below the cap within a minute. So a named list found at the cap is remembered as such
by the process for a number of seconds, and its count is not run again meanwhile. Exact counts (below the cap)
are never remembered. In the process's memory, not the shared cache: asking Redis cost more CPU than counting
a small list; each server process counts a capped list once a minute.
"""

from __future__ import annotations

import time

from django.db.models import QuerySet

# Lists of this process known to have reached the cap: (cap, list name) -> until when (time.monotonic).
CAPPED_LISTS: dict[tuple[int, str], float] = {}
CAPPED_LISTS_KEPT = 10_000


def count_up_to(
    queryset: QuerySet, *, cap: int, name: str | None = None, seconds: float = 60, key: str = "pk"
) -> tuple[int, bool]:
    """(count, capped): the exact count up to `cap`, else (cap, True). A list with a `name` (which must say
    everything that decides its rows: the caller's scope and filters) found at the cap is remembered as capped
    for `seconds` (0: never)."""
    remembered = (cap, name) if name is not None and seconds > 0 else None
    now = time.monotonic()
    if remembered is not None and CAPPED_LISTS.get(remembered, 0.0) > now:
        return cap, True
    count = queryset.order_by().values(key)[: cap + 1].count()
    if count <= cap:
        return count, False
    if remembered is not None:
        if len(CAPPED_LISTS) >= CAPPED_LISTS_KEPT:
            CAPPED_LISTS.clear()  # many lists at the cap at once: start again rather than grow
        CAPPED_LISTS[remembered] = now + seconds
    return cap, True
