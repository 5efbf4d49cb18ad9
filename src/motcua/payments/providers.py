"""Payment providers: where the payer is sent to pay, and how the provider's answer is read and verified.

A provider is configured by dotted path (`MOTCUA_PAYMENT_PROVIDER`, the demo provider by default) with a shared
secret (`MOTCUA_PAYMENT_SECRET`). Its answer (the browser's return and the server-to-server callback carry the
same fields) is signed with HMAC-SHA256 over the fields in `SIGNED_FIELDS`; an answer whose signature does not
match is refused before anything is read from it.

A real provider (a national payment platform, a bank) plugs in as a subclass of `PaymentProvider` that builds
its own payment address in `start` and maps its callback's fields onto `ProviderOutcome` in `outcome`
(verifying the signature as the provider defines it).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from .errors import InvalidSignature
from .models import Payment, PaymentStatus

# What the provider says of an attempt.
SUCCESS, FAILURE, CANCEL = "success", "failure", "cancel"
STATUS_OF_RESULT = {
    SUCCESS: PaymentStatus.SUCCEEDED,
    FAILURE: PaymentStatus.FAILED,
    CANCEL: PaymentStatus.CANCELLED,
}
SIGNED_FIELDS = ("reference", "result", "provider_reference", "amount")


@dataclass(frozen=True)
class ProviderOutcome:
    reference: str  # our Payment.reference
    status: str  # a PaymentStatus: succeeded, failed or cancelled
    provider_reference: str
    amount: int


def signature(fields: Mapping[str, str], *, secret: str) -> str:
    """HMAC-SHA256 (hex) of `k=v` pairs of SIGNED_FIELDS, in that order, joined by `&`."""
    message = "&".join(f"{name}={fields.get(name, '')}" for name in SIGNED_FIELDS)
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class PaymentProvider:
    """The interface. `name` is recorded on each payment."""

    name = "provider"

    def __init__(self, *, secret: str) -> None:
        self.secret = secret

    def start(self, *, payment: Payment) -> str:
        """The address to send the payer to."""
        raise NotImplementedError

    def outcome(self, data: Mapping[str, str]) -> ProviderOutcome:
        """The verified outcome of a provider's answer; `InvalidSignature` when it is not authentic."""
        given = str(data.get("signature", ""))
        fields = {name: str(data.get(name, "")) for name in SIGNED_FIELDS}
        if not given or not hmac.compare_digest(
            given.encode(), signature(fields, secret=self.secret).encode()
        ):
            raise InvalidSignature()
        status = STATUS_OF_RESULT.get(fields["result"])
        if status is None or not fields["reference"] or not fields["amount"].isdigit():
            raise InvalidSignature(
                "Kết quả thanh toán không đọc được.",
                "The payment result cannot be read.",
                code="invalid_result",
            )
        return ProviderOutcome(
            reference=fields["reference"],
            status=status,
            provider_reference=fields["provider_reference"],
            amount=int(fields["amount"]),
        )


class DemoProvider(PaymentProvider):
    """A provider inside Motcua for demonstrations and tests: its page (`/thanh-toan-thu/<reference>/`) lets the
    payer choose success, failure or cancel, signs that answer as a real provider would, and sends the browser
    back. No money moves."""

    name = "demo"

    def start(self, *, payment: Payment) -> str:
        return reverse("payment_demo", kwargs={"reference": payment.reference})

    def answer(self, *, payment: Payment, result: str) -> str:
        """The signed return address for the payer's choice on the demo page."""
        fields = {
            "reference": payment.reference,
            "result": result,
            "provider_reference": f"DEMO-{payment.reference[:12].upper()}" if result == SUCCESS else "",
            "amount": str(payment.amount),
        }
        fields["signature"] = signature(fields, secret=self.secret)
        return f"{payment.return_url}?{urlencode(fields)}"


@cache
def _provider(path: str, secret: str) -> PaymentProvider:
    return import_string(path)(secret=secret)


def provider() -> PaymentProvider:
    """The configured provider."""
    return _provider(settings.MOTCUA_PAYMENT_PROVIDER, settings.MOTCUA_PAYMENT_SECRET)
