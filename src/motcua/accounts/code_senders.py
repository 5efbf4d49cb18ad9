"""How verification codes reach people: one small interface, one sender per channel, chosen in settings.

`MOTCUA_VERIFICATION_SMS_SENDER` and `MOTCUA_VERIFICATION_EMAIL_SENDER` name a class with
`send(*, to: str, text: str)`. The defaults: SMS go to the log (no SMS gateway in the demo; an installation
names its gateway's sender, for example one that also implements `motcua.notifications.sms.SmsSender`), emails
go through Django's mail settings (SMTP when EMAIL_HOST is set, else files under var/mail).
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger("motcua.accounts.codes")


class CodeSender(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


@dataclass(frozen=True)
class SentMessage:
    to: str
    text: str


class ConsoleCodeSender:
    """Writes the message to the log instead of sending it, and keeps the last messages in memory (`outbox`) so
    the demo's operator and the browser tests can read a code."""

    outbox: deque[SentMessage] = deque(maxlen=200)

    def send(self, *, to: str, text: str) -> None:
        logger.info("Verification message to %s: %s", to, text)
        self.outbox.append(SentMessage(to=to, text=text))


class EmailCodeSender:
    def send(self, *, to: str, text: str) -> None:
        send_mail(
            subject=_("Mã xác minh tài khoản"),
            message=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )


def code_sender(channel: str) -> CodeSender:
    setting = "MOTCUA_VERIFICATION_EMAIL_SENDER" if channel == "email" else "MOTCUA_VERIFICATION_SMS_SENDER"
    return import_string(getattr(settings, setting))()
