"""Payments seen by an attacker, on the pages: another citizen's pay button, a guessed demo-provider reference, a
return address with its amount changed or signed with another secret, an inspector trying to pay or to record a
cash payment. Nothing is paid, and nothing tells whether someone else's dossier exists."""

from __future__ import annotations

import secrets

import pytest
from django.conf import settings
from django.test import Client

from motcua.dossiers.models import FeeStatus
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.providers import signature
from tests.factories.dossiers import received, with_another_agency
from tests.factories.payments import answer, setup_with_fee, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return with_another_agency(setup_with_fee())


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_nobody_but_the_owner_starts_a_payment_from_the_pages(setup):
    dossier = received(setup)
    for outsider in (setup.others["stranger"], setup.inspector, setup.others["other_leader"]):
        answer_ = signed_in(outsider).post(f"/ho-so-cua-toi/{dossier.code}/nop-phi/")
        assert answer_.status_code == 404, outsider
    assert (
        signed_in(setup.others["stranger"]).post("/ho-so-cua-toi/TTHCC-000000-0000/nop-phi/").status_code
        == 404
    )
    assert not Payment.objects.exists()


def test_a_guessed_reference_shows_no_demo_page(setup):
    start(setup, received(setup).code)
    for guess in (secrets.token_urlsafe(18), "1", "DEMO"):
        assert Client().get(f"/thanh-toan-thu/{guess}/").status_code == 404
        assert Client().post(f"/thanh-toan-thu/{guess}/", {"result": "success"}).status_code == 404


def test_a_tampered_or_foreign_answer_pays_nothing(setup):
    dossier = received(setup)
    payment = start(setup, dossier.code)
    cheaper = {**answer(payment, "success"), "amount": "1"}
    foreign = answer(payment, "success")
    foreign["signature"] = signature(foreign, secret="another-provider's-secret")
    for forged in (cheaper, foreign):
        page = Client().get("/thanh-toan/ket-qua/", forged)
        assert page.status_code == 403
    # The amount, re-signed by the provider, but not the one asked: refused too.
    resigned = {**cheaper}
    resigned["signature"] = signature(resigned, secret=settings.MOTCUA_PAYMENT_SECRET)
    assert Client().get("/thanh-toan/ket-qua/", resigned).status_code == 400
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert (payment.status, dossier.fee_status) == (PaymentStatus.PENDING, FeeStatus.UNPAID)


def test_only_the_receiving_section_records_a_cash_payment(setup):
    dossier = received(setup)
    for outsider, status in (
        (setup.inspector, 302),
        (setup.others["other_leader"], 404),
        (setup.specialist, 302),
    ):
        answer_ = signed_in(outsider).post(
            f"/workspace/ho-so/{dossier.code}/nop-phi-tai-quay/", {"version": dossier.version}
        )
        assert answer_.status_code == status, outsider
    dossier.refresh_from_db()
    assert dossier.fee_status == FeeStatus.UNPAID and not Payment.objects.exists()
