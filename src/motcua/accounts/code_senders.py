"""How verification codes reach people: one small interface, one sender per channel, chosen in settings.

`MOTCUA_VERIFICATION_SMS_SENDER` and `MOTCUA_VERIFICATION_EMAIL_SENDER` name a class with
`send(*, to: str, text: str)`; the email sender's `send` also takes `subject` (what the code is for: signing
up or resetting a password). The defaults: SMS go to the log (no SMS gateway in the demo; an installation
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

logger = logging.getLogger("motcua.accounts.codes")


class CodeSender(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class CodeMailer(Protocol):
    def send(self, *, to: str, text: str, subject: str) -> None: ...


@dataclass(frozen=True)
class SentMessage:
    to: str
    text: str
    subject: str = ""


class ConsoleCodeSender:
    """Writes the message to the log instead of sending it, and keeps the last messages in memory (`outbox`) so
    the demo's operator and the browser tests can read a code."""

    outbox: deque[SentMessage] = deque(maxlen=200)

    def send(self, *, to: str, text: str, subject: str = "") -> None:
        logger.info("Verification message to %s: %s", to, text)
        self.outbox.append(SentMessage(to=to, text=text, subject=subject))


class EmailCodeSender:
    def send(self, *, to: str, text: str, subject: str) -> None:
        send_mail(
            subject=subject,
            message=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )


def code_send(*, channel: str, to: str, text: str, subject: str) -> None:
    """Sends a code's message: an email with its subject, an SMS as its text alone (an SMS gateway's sender
    takes `to` and `text` only)."""
    if channel == "email":
        email_sender: CodeMailer = import_string(settings.MOTCUA_VERIFICATION_EMAIL_SENDER)()
        email_sender.send(to=to, text=text, subject=subject)
    else:
        sms_sender: CodeSender = import_string(settings.MOTCUA_VERIFICATION_SMS_SENDER)()
        sms_sender.send(to=to, text=text)
