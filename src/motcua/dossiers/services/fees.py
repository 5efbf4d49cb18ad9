"""Fees on the dossier: the fee status and the "paid" line of the process-control slip.

The payments (attempts, providers, receipts) are motcua.payments'; it locks the dossier here, checks the
workflow's payment rules, and records a successful payment with `dossier_fee_paid`, in its own transaction.
"""

from __future__ import annotations

from datetime import datetime

from motcua.accounts.models import User

from ..models import Dossier, Event, EventKind, FeeStatus
from .common import _change, _lock

PAID_STATUS_OF_METHOD = {"online": FeeStatus.PAID_ONLINE, "counter": FeeStatus.PAID_COUNTER}


def dossier_lock(*, code: str) -> Dossier:
    """The dossier row locked until the end of the caller's transaction (its group parent's first, as every
    dossier change locks them)."""
    return _lock(code)


def dossier_fee_paid(
    *,
    dossier: Dossier,
    method: str,
    amount: int,
    receipt_number: str,
    provider: str,
    provider_reference: str,
    actor: User | None,
    at: datetime,
) -> Event:
    """Record the dossier's fees as paid (online or at the counter) with its hash-chained event.

    The dossier must be locked by the caller (`dossier_lock`) and still unpaid. The event says whether the
    payment came after the result: the indicators count such a late online payment on its own day, since the
    result's day was counted unpaid (see motcua.indicators.counting).
    """
    dossier.fee_status = PAID_STATUS_OF_METHOD[method]
    return _change(
        dossier,
        kind=EventKind.PAID,
        actor=actor,
        at=at,
        from_status=dossier.status,
        fields=["fee_status"],
        payload={
            "method": method,
            "amount": amount,
            "receipt_number": receipt_number,
            "provider": provider,
            "provider_reference": provider_reference,
            "after_result": dossier.resolved_at is not None,
        },
    )
