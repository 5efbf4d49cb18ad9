"""Reads of payments: a dossier's attempts and its receipt, and a payment by its reference."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.models import Dossier

from .errors import PaymentNotFound
from .models import Payment, PaymentStatus


def payments_of(*, dossier: Dossier) -> QuerySet[Payment]:
    """The dossier's payment attempts, oldest first (the caller has checked the dossier is theirs to see)."""
    return Payment.objects.filter(dossier=dossier).order_by("created_at", "id")


def receipt_of(payments: list[Payment]) -> Payment | None:
    """The payment that settled the dossier's fees, if any."""
    return next((p for p in payments if p.status == PaymentStatus.SUCCEEDED), None)


def fee_summary(*, dossier: Dossier) -> dict:
    """What a dossier's page shows of its fees: the payment attempts and the receipt (none without fees)."""
    payments = list(payments_of(dossier=dossier)) if dossier.fee_total else []
    return {"payments": payments, "receipt": receipt_of(payments)}


def payment_by_reference(*, reference: str) -> Payment:
    """A payment by its (unguessable) reference, with its dossier: what a provider's page knows it by."""
    payment = Payment.objects.select_related("dossier").filter(reference=reference).first()
    if payment is None:
        raise PaymentNotFound(details={"reference": reference})
    return payment


def succeeded_payment_of(*, dossier: Dossier, payment_id: int) -> Payment:
    """The dossier's successful payment `payment_id`, with what its receipt prints (the caller has checked the
    dossier is theirs to see); any other payment, or one without a receipt, is 'not found'."""
    payment = (
        Payment.objects.filter(dossier=dossier, pk=payment_id, status=PaymentStatus.SUCCEEDED)
        .select_related(
            "dossier__procedure_version",
            "dossier__group",
            "dossier__receiving_agency__administrative_unit",
            "dossier__receiving_agency__parent",
            "started_by",
        )
        .first()
    )
    if payment is None:
        raise PaymentNotFound(details={"payment": payment_id})
    return payment
