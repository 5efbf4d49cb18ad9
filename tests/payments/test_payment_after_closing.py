"""A payment that succeeds after its dossier was withdrawn, refused or stopped: recorded, to refund, and never
counted as paid (the dossier owes no fee any more and has no result to count it with)."""

from __future__ import annotations

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier, EventKind, FeeStatus
from motcua.indicators.rebuild import rebuild_indicators
from motcua.payments import services
from motcua.payments.models import PaymentStatus
from tests.api.test_dossier_api import client_for
from tests.factories.dossiers import submit_online
from tests.factories.payments import answer, setup_with_fee, start
from tests.indicators.test_counting import MONDAY, at, kept

pytestmark = pytest.mark.django_db


def _withdraw(setup, dossier):
    return dossier_services.dossier_withdraw(
        code=dossier.code, actor=setup.applicant, version=dossier.version, reasons="Không cần nữa"
    )


def _refuse(setup, dossier):
    return dossier_services.dossier_refuse(
        code=dossier.code, actor=setup.officer, version=dossier.version, reasons="Sai thẩm quyền"
    )


def _stop(setup, dossier):
    received = dossier_services.dossier_receive(
        code=dossier.code, actor=setup.officer, version=dossier.version
    )
    return dossier_services.dossier_stop(
        code=received.code, actor=setup.leader, version=received.version, reasons="Người nộp đề nghị dừng"
    )


@pytest.mark.parametrize("close", [_withdraw, _refuse, _stop], ids=["withdrawn", "refused", "stopped"])
def test_a_success_after_closing_is_recorded_to_refund_and_counted_nowhere(close):
    setup = setup_with_fee()
    with at(MONDAY):
        dossier = submit_online(setup)
        payment = start(setup, dossier.code)  # the applicant is at the provider's page...
        closed = close(setup, dossier)  # ...while the dossier is closed
        before = kept(setup)
        success = answer(payment, "success")
        payment = services.payment_complete(data=success)

    assert payment.status == PaymentStatus.CLOSED and payment.refund_due
    assert payment.receipt_number is None and payment.provider_reference
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.fee_status == FeeStatus.UNPAID and dossier.version == closed.version
    assert not dossier.events.filter(kind=EventKind.PAID).exists()
    # The provider retrying its callback changes nothing.
    assert services.payment_complete(data=success).status == PaymentStatus.CLOSED
    # The service index's online payment: not paid online, not fee-bearing (no result), and the rebuild agrees.
    assert kept(setup) == before and kept(setup)["paid_online"] == 0
    assert rebuild_indicators(apply=False) == []

    # The API says so to the owner, and the callback answers the payment as it is.
    fees = client_for(setup.applicant).get(f"/api/v1/dossiers/{dossier.code}/").json()["fees"]
    assert fees["status"] == "unpaid" and fees["receipt_number"] is None
    assert [(p["status"], p["refund_due"]) for p in fees["payments"]] == [("closed", True)]
    replay = client_for(setup.applicant).post("/api/v1/payments/callback/", success, format="json")
    assert replay.status_code == 200 and replay.json()["refund_due"] is True


def test_a_dossier_paid_then_withdrawn_keeps_its_payment_and_a_late_second_success_is_a_duplicate():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    first, second = start(setup, dossier.code), start(setup, dossier.code)
    services.payment_complete(data=answer(first, "success"))
    _withdraw(setup, Dossier.objects.get(pk=dossier.pk))
    late = services.payment_complete(data=answer(second, "success"))
    assert late.status == PaymentStatus.DUPLICATE and late.refund_due
    assert Dossier.objects.get(pk=dossier.pk).fee_status == FeeStatus.PAID_ONLINE


def test_the_applicant_is_told_the_late_payment_will_be_refunded(client):
    setup = setup_with_fee()
    dossier = submit_online(setup)
    payment = start(setup, dossier.code)
    _withdraw(setup, dossier)
    client.force_login(setup.applicant)
    response = client.get("/thanh-toan/ket-qua/", answer(payment, "success"), follow=True)
    html = response.content.decode()
    assert "sẽ được hoàn trả cho bạn" in html and "Hồ sơ đã kết thúc, chờ hoàn trả" in html
