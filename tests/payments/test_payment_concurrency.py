"""Provider answers arriving at the same moment, each on its own database connection (PostgreSQL)."""

from __future__ import annotations

from collections import Counter

import pytest

from motcua.dossiers.models import Dossier, EventKind, FeeStatus
from motcua.payments import services
from motcua.payments.models import Payment, PaymentStatus
from tests.dossiers.test_concurrency import run_concurrently
from tests.factories.dossiers import submit_online
from tests.factories.payments import answer, setup_with_fee, start

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_success_delivered_ten_times_at_once_is_applied_once():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    success = answer(start(setup, dossier.code), "success")

    statuses = run_concurrently(10, lambda _: services.payment_complete(data=success).status)

    assert Counter(statuses) == {PaymentStatus.SUCCEEDED: 10}
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.fee_status == FeeStatus.PAID_ONLINE and dossier.version == 2
    assert dossier.events.filter(kind=EventKind.PAID).count() == 1


def test_four_payments_of_one_dossier_succeeding_at_once_one_counts_and_three_are_refunded():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    answers = [answer(start(setup, dossier.code), "success") for _ in range(4)]

    statuses = run_concurrently(4, lambda i: services.payment_complete(data=answers[i]).status)

    assert Counter(statuses) == {PaymentStatus.SUCCEEDED: 1, PaymentStatus.DUPLICATE: 3}
    assert Payment.objects.filter(dossier=dossier, status=PaymentStatus.SUCCEEDED).count() == 1
    assert Dossier.objects.get(pk=dossier.pk).events.filter(kind=EventKind.PAID).count() == 1
