"""Sending SMS goes through one small interface; the default implementation only writes to the log."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.notifications.sms")


class SmsSender(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSmsSender:
    """Writes the message to the log instead of sending it (development, tests, the demo)."""

    def send(self, *, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)


def sms_sender() -> SmsSender:
    path = getattr(settings, "MOTCUA_SMS_BACKEND", "motcua.notifications.sms.ConsoleSmsSender")
    return import_string(path)()
