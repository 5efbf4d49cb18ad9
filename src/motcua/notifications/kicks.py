"""Asking a worker to deliver the outbox after a commit, without a broker message for every commit.

A burst of submissions would otherwise send one task message per dossier. The throttle sends the first kick of a
window at once (a quiet system delivers immediately) and, when further kicks come in that window, exactly one more
scheduled for the window's end: every message committed inside the window is delivered by then, so a burst costs
at most two broker messages per window and per process, and no message waits longer than one window.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger("motcua.notifications")


class KickThrottle:
    """Leading and trailing edge throttle: `send(None)` at once, or `send(seconds)` to run that much later."""

    def __init__(
        self, send: Callable[[float | None], None], monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._send = send
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._window_start = float("-inf")
        self._trailing = False

    def kick(self, interval: float) -> None:
        with self._lock:
            now = self._monotonic()
            if now - self._window_start >= interval:
                self._window_start, self._trailing = now, False
                countdown = None
            elif not self._trailing:
                self._trailing = True
                countdown = self._window_start + interval - now
            else:
                return
        self._send(countdown)


def _send_delivery_task(countdown: float | None) -> None:
    from .tasks import deliver_outbox

    try:
        deliver_outbox.apply_async(countdown=countdown)
    except Exception:  # noqa: BLE001 - a broker outage must not fail a committed change; beat retries
        logger.warning("could not queue outbox delivery", exc_info=True)


_throttle = KickThrottle(_send_delivery_task)


def request_delivery() -> None:
    """After a commit that wrote outbox messages: have them delivered (at once, or within one kick window)."""
    _throttle.kick(settings.OUTBOX_KICK_SECONDS)


def deliver_after_commit() -> None:
    """After writing outbox messages in a transaction: one delivery kick when it commits, however many messages
    it wrote (Django drops the callback of a rolled-back savepoint, so a later write queues it again)."""
    if not any(callback is request_delivery for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(request_delivery)
