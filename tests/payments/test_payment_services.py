"""Paying a dossier's fees: success, failure, cancel, paid twice, replayed and forged answers, the counter."""

from __future__ import annotations

import pytest

from motcua.core.errors import ActionNotAllowed, PermissionDenied, StaleVersion, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.audit import chain_break
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier, EventKind, FeeStatus
from motcua.payments import services
from motcua.payments.errors import InvalidSignature, PaymentAlreadyCompleted
from motcua.payments.models import PaymentStatus
from motcua.payments.providers import provider, signature
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure, submit_online
from tests.factories.payments import FEE, answer, pay, setup_with_fee, start

pytestmark = pytest.mark.django_db


def paid_events(dossier: Dossier):
    return list(dossier.events.filter(kind=EventKind.PAID))


def test_a_successful_payment_marks_the_dossier_paid_online_with_a_receipt_and_a_chained_event():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    assert (dossier.fee_total, dossier.fee_status) == (FEE, FeeStatus.UNPAID)
    payment = start(setup, dossier.code)
    assert (payment.status, payment.amount, payment.provider) == (PaymentStatus.PENDING, FEE, "demo")

    payment = services.payment_complete(data=answer(payment, "success"))

    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.receipt_number.startswith("BL") and payment.completed_at is not None
    assert dossier.fee_status == FeeStatus.PAID_ONLINE
    (event,) = paid_events(dossier)
    assert event.payload == {
        "method": "online",
        "amount": FEE,
        "receipt_number": payment.receipt_number,
        "provider": "demo",
        "provider_reference": payment.provider_reference,
        "after_result": False,
    }
    assert payment.provider_reference.startswith("DEMO-")
    assert chain_break(dossier_id=dossier.pk) is None


@pytest.mark.parametrize(("result", "status"), [("failure", "failed"), ("cancel", "cancelled")])
def test_a_failed_or_cancelled_payment_leaves_the_dossier_unpaid_and_may_be_tried_again(result, status):
    setup = setup_with_fee()
    dossier = submit_online(setup)
    first = pay(setup, dossier.code, result)
    dossier.refresh_from_db()
    assert first.status == status and first.receipt_number is None
    assert dossier.fee_status == FeeStatus.UNPAID and paid_events(dossier) == []

    again = pay(setup, dossier.code, "success")
    dossier.refresh_from_db()
    assert again.status == PaymentStatus.SUCCEEDED and dossier.fee_status == FeeStatus.PAID_ONLINE


def test_paid_twice_the_second_success_is_a_duplicate_to_refund_and_is_recorded_once():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    one, two = start(setup, dossier.code), start(setup, dossier.code)  # two tabs
    one = services.payment_complete(data=answer(one, "success"))
    two = services.payment_complete(data=answer(two, "success"))
    assert one.status == PaymentStatus.SUCCEEDED
    assert two.status == PaymentStatus.DUPLICATE and two.refund_due and two.receipt_number is None
    dossier.refresh_from_db()
    assert len(paid_events(dossier)) == 1
    # Once paid, no new payment starts.
    with pytest.raises(ActionNotAllowed) as refused:
        start(setup, dossier.code)
    assert refused.value.code == "already_paid"


def test_the_same_answer_twice_changes_nothing_and_another_outcome_afterwards_is_a_conflict():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    payment = start(setup, dossier.code)
    success = answer(payment, "success")
    first = services.payment_complete(data=success)
    version = Dossier.objects.get(pk=dossier.pk).version
    replay = services.payment_complete(data=success)
    assert (replay.pk, replay.status, replay.receipt_number) == (first.pk, first.status, first.receipt_number)
    dossier.refresh_from_db()
    assert dossier.version == version and len(paid_events(dossier)) == 1
    with pytest.raises(PaymentAlreadyCompleted):
        services.payment_complete(data=answer(payment, "cancel"))


def test_an_answer_with_a_wrong_signature_or_another_amount_is_refused():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    payment = start(setup, dossier.code)
    forged = {**answer(payment, "success"), "signature": "0" * 64}
    with pytest.raises(InvalidSignature):
        services.payment_complete(data=forged)
    cheaper = {**answer(payment, "success"), "amount": "1000"}  # changed after signing
    with pytest.raises(InvalidSignature):
        services.payment_complete(data=cheaper)
    signed_by_other = {**answer(payment, "success")}
    signed_by_other["signature"] = signature(signed_by_other, secret="another secret")
    with pytest.raises(InvalidSignature):
        services.payment_complete(data=signed_by_other)
    # Signed with the secret, but not the amount asked.
    wrong_amount = {**answer(payment, "success"), "amount": "1000"}
    wrong_amount["signature"] = signature(wrong_amount, secret=provider().secret)
    with pytest.raises(ValidationFailed) as mismatch:
        services.payment_complete(data=wrong_amount)
    assert mismatch.value.code == "amount_mismatch"
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and dossier.fee_status == FeeStatus.UNPAID


def test_someone_elses_dossier_is_not_found_and_an_officer_who_sees_it_may_not_pay_it_online():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    stranger = user_with_role("applicant", None)
    with pytest.raises(DossierNotFound):
        services.payment_start(code=dossier.code, actor=stranger, return_url="http://testserver/")
    with pytest.raises(PermissionDenied):
        services.payment_start(code=dossier.code, actor=setup.officer, return_url="http://testserver/")


def test_a_dossier_without_fees_has_nothing_to_pay():
    free = setup_procedure()
    free_dossier = submit_online(free)
    with pytest.raises(ActionNotAllowed) as refused:
        services.payment_start(code=free_dossier.code, actor=free.applicant, return_url="http://testserver/")
    assert refused.value.code == "no_fee"


def test_a_withdrawn_dossier_takes_no_payment():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    dossier_services.dossier_withdraw(
        code=dossier.code, actor=setup.applicant, version=dossier.version, reasons="Không cần nữa"
    )
    with pytest.raises(ActionNotAllowed) as refused:
        start(setup, dossier.code)
    assert refused.value.code == "payment_not_open"


def test_a_receiving_officer_records_cash_at_the_counter_and_a_later_online_success_is_a_duplicate():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    pending = start(setup, dossier.code)  # the applicant began paying online, then paid at the counter
    payment = services.payment_record_at_counter(
        code=dossier.code, actor=setup.officer, version=dossier.version
    )
    dossier.refresh_from_db()
    assert dossier.fee_status == FeeStatus.PAID_COUNTER
    assert (payment.method, payment.status, payment.provider) == (
        "counter",
        PaymentStatus.SUCCEEDED,
        "counter",
    )
    (event,) = paid_events(dossier)
    assert event.actor == setup.officer and event.payload["receipt_number"] == payment.receipt_number

    late = services.payment_complete(data=answer(pending, "success"))
    assert late.status == PaymentStatus.DUPLICATE
    dossier.refresh_from_db()
    assert dossier.fee_status == FeeStatus.PAID_COUNTER and len(paid_events(dossier)) == 1


def test_only_a_receiving_officer_of_the_receiving_agency_records_a_counter_payment_on_a_current_page():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    for actor in (setup.specialist, setup.applicant):
        with pytest.raises(PermissionDenied):
            services.payment_record_at_counter(code=dossier.code, actor=actor, version=dossier.version)
    with pytest.raises(StaleVersion):
        services.payment_record_at_counter(
            code=dossier.code, actor=setup.officer, version=dossier.version - 1
        )
    draft = submit_online(setup, draft=True)
    with pytest.raises(ActionNotAllowed):
        services.payment_record_at_counter(code=draft.code, actor=setup.officer, version=draft.version)
