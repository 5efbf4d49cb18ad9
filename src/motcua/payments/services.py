"""Paying a dossier's fees: starting an online payment, the provider's answer, and cash at the counter.

Every write is one transaction that locks the dossier row first (then the payment row), so two answers for one
payment, or two payments for one dossier, are applied one after the other: the first success marks the dossier
paid (fee status, receipt number, a "paid" event on its hash chain, in the same transaction); a later success
for a dossier already paid is recorded as a duplicate to refund, and a success for a dossier withdrawn, refused
or stopped meanwhile (no fee due any more) as one to refund after closing; both are counted nowhere. An answer
already applied changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime

from django.db import transaction

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import PermissionDenied, StaleVersion, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers import workflow
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier, FeeStatus
from motcua.dossiers.selectors import dossiers_visible_to

from .errors import PaymentAlreadyCompleted, PaymentNotFound
from .models import FINAL_STATUSES, REFUND_STATUSES, Payment, PaymentMethod, PaymentStatus
from .providers import provider

COUNTER_PROVIDER = "counter"


def _receipt_number(payment: Payment, at: datetime) -> str:
    """`BL<year>-<7 digits>`: unique (the payment's own number), and short enough to read out at a counter."""
    return f"BL{clock.to_local(at).year}-{payment.pk:07d}"


def _paid(payment: Payment, dossier: Dossier, *, actor: User | None, at: datetime) -> None:
    """Mark the payment succeeded with its receipt number, and the dossier paid with its event."""
    payment.status, payment.completed_at = PaymentStatus.SUCCEEDED, at
    payment.receipt_number = _receipt_number(payment, at)
    payment.save(update_fields=["status", "completed_at", "receipt_number", "provider_reference"])
    dossier_services.dossier_fee_paid(
        dossier=dossier,
        method=payment.method,
        amount=payment.amount,
        receipt_number=payment.receipt_number,
        provider=payment.provider,
        provider_reference=payment.provider_reference,
        actor=actor,
        at=at,
    )


def _refund_status(dossier: Dossier) -> str | None:
    """How a success that settles nothing is recorded: the dossier paid already, or closed with no fee due."""
    if dossier.fee_status != FeeStatus.UNPAID:
        return PaymentStatus.DUPLICATE
    if dossier.status in workflow.NO_FEE_DUE_STATES:
        return PaymentStatus.CLOSED
    return None


@transaction.atomic
def payment_start(*, code: str, actor: User, return_url: str) -> tuple[Payment, str]:
    """A new online payment of the dossier's fees by its owner; returns it and the address to send them to.

    Only the owner pays online: a dossier the actor does not see is 'not found', one they see (an officer's,
    an inspector's) is refused."""
    dossier = dossier_services.dossier_lock(code=code)
    error = workflow.online_payment_refusal(dossier, actor)
    if isinstance(error, PermissionDenied) and not dossiers_visible_to(actor).filter(pk=dossier.pk).exists():
        raise DossierNotFound(details={"code": code})
    if error is not None:
        raise error
    chosen = provider()
    payment = Payment.objects.create(
        dossier=dossier,
        reference=secrets.token_urlsafe(18),
        method=PaymentMethod.ONLINE,
        amount=dossier.fee_total,
        provider=chosen.name,
        return_url=return_url,
        started_by=actor,
        created_at=clock.now(),
    )
    return payment, chosen.start(payment=payment)


def payment_complete(*, data: Mapping[str, str]) -> Payment:
    """Apply the provider's signed answer (the browser's return or the server's callback: the same fields).

    Verified first (`InvalidSignature`, before any field is read); the amount must be the one asked. The same answer twice changes
    nothing; another outcome for a payment already ended is a conflict."""
    outcome = provider().outcome(data)
    with transaction.atomic():
        found = Payment.objects.filter(reference=outcome.reference).select_related("dossier").first()
        if found is None:
            raise PaymentNotFound(details={"reference": outcome.reference})
        # The dossier first, then the payment: the order every payment change takes its locks in.
        dossier = dossier_services.dossier_lock(code=found.dossier.code)
        payment = Payment.objects.select_for_update().get(pk=found.pk)
        if outcome.amount != payment.amount:
            raise ValidationFailed(
                "Số tiền trong kết quả thanh toán không khớp với số tiền phải nộp.",
                "The amount in the payment result is not the amount asked.",
                code="amount_mismatch",
                details={"amount": [str(outcome.amount)]},
            )
        if payment.status in FINAL_STATUSES:
            settled = PaymentStatus.SUCCEEDED, *REFUND_STATUSES
            if payment.status == outcome.status or (
                outcome.status == PaymentStatus.SUCCEEDED and payment.status in settled
            ):
                return payment  # the same answer again
            raise PaymentAlreadyCompleted(details={"status": payment.status, "given": outcome.status})
        now = clock.now()
        payment.provider_reference = outcome.provider_reference
        if outcome.status != PaymentStatus.SUCCEEDED:
            payment.status, payment.completed_at = outcome.status, now
            payment.save(update_fields=["status", "completed_at", "provider_reference"])
            return payment
        refund = _refund_status(dossier)
        if refund is not None:
            payment.status, payment.completed_at = refund, now
            payment.save(update_fields=["status", "completed_at", "provider_reference"])
            return payment
        _paid(payment, dossier, actor=payment.started_by, at=now)
        return payment


@transaction.atomic
def payment_record_at_counter(*, code: str, actor: User, version: int | None) -> Payment:
    """A receiving officer records the dossier's fees paid in cash at the counter, with a receipt number."""
    dossier = dossier_services.dossier_lock(code=code)
    error = workflow.counter_payment_refusal(dossier, actor)
    if error is not None:
        raise error
    if version is None or int(version) != dossier.version:
        raise StaleVersion(details={"expected": dossier.version, "given": version})
    now = clock.now()
    payment = Payment.objects.create(
        dossier=dossier,
        reference=secrets.token_urlsafe(18),
        method=PaymentMethod.COUNTER,
        amount=dossier.fee_total,
        provider=COUNTER_PROVIDER,
        started_by=actor,
        created_at=now,
    )
    _paid(payment, dossier, actor=actor, at=now)
    return payment
