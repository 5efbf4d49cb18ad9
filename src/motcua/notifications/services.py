"""Writing to the outbox (inside the caller's transaction) and delivering it (after commit, in a worker).

The outbox carries one row per event. The app that writes a row decides who is told and in which words: a row
meant for a person holds `subject`, `text` and their `email` and/or `phone`; this app only delivers it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q

from motcua.core import clock
from motcua.core.row_insert import insert_new

from .models import OutboxMessage
from .sms import sms_sender

logger = logging.getLogger("motcua.notifications")


def outbox_put(
    *, event_id: int, type: str, dossier_id: int | None, payload: dict[str, Any], at: datetime
) -> OutboxMessage:
    """Queue a message. Call it inside the transaction that makes the change it announces."""
    return insert_new(
        OutboxMessage(event_id=event_id, type=type, dossier_id=dossier_id, payload=payload, created_at=at)
    )


def _deliver(message: OutboxMessage) -> None:
    """Send the message's text to the addresses it names; a row without text (an event nobody is told of by
    email or SMS) is only logged."""
    payload = message.payload or {}
    text = payload.get("text")
    if not text:
        logger.info("outbox %s %s: %s", message.type, message.event_id, payload.get("code"))
        return
    if payload.get("email"):
        send_mail(
            subject=payload.get("subject") or text,
            message=text,
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=[payload["email"]],
        )
    if payload.get("phone"):
        sms_sender().send(to=payload["phone"], text=text)


# A failing message is retried after 1, 2, 4 ... minutes (capped at an hour), then given up.
MAX_ATTEMPTS = 10
MAX_BACKOFF_MINUTES = 60


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), MAX_BACKOFF_MINUTES))


def deliver_pending(*, limit: int = 200) -> int:
    """Deliver undelivered messages that are due, oldest first; returns how many were delivered."""
    delivered = 0
    now = clock.now()
    with transaction.atomic():
        pending = OutboxMessage.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            delivered_at__isnull=True,
            failed_at__isnull=True,
        ).order_by("id")
        if connection.vendor == "postgresql":
            # Several workers may run at once: each takes rows nobody else holds.
            pending = pending.select_for_update(skip_locked=True)
        for message in list(pending[:limit]):
            message.attempts += 1
            try:
                _deliver(message)
            except Exception as exc:  # noqa: BLE001 - one failing message must not block the others
                message.last_error = str(exc)[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.failed_at = now
                    logger.error(
                        "outbox message %s given up after %s attempts: %s", message.pk, message.attempts, exc
                    )
                else:
                    message.next_attempt_at = now + _backoff(message.attempts)
                    logger.warning("outbox message %s failed: %s", message.pk, exc)
                message.save(update_fields=["attempts", "last_error", "next_attempt_at", "failed_at"])
                continue
            message.delivered_at = clock.now()
            message.save(update_fields=["attempts", "delivered_at"])
            delivered += 1
    return delivered
