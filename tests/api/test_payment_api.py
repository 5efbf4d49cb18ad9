"""The payment API: the owner starts a payment, the provider posts its signed answer, the detail shows the fees."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from motcua.payments.models import Payment
from tests.factories.accounts import api_client, user_with_role
from tests.factories.dossiers import submit_online
from tests.factories.payments import FEE, answer, setup_with_fee

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/"
CALLBACK = "/api/v1/payments/callback/"


def test_the_owner_starts_a_payment_the_provider_answers_and_the_detail_shows_the_receipt():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    owner = api_client(setup.applicant)

    started = owner.post(f"{URL}{dossier.code}/payments/")
    assert started.status_code == 201, started.content
    body = started.json()
    assert body["payment"]["status"] == "pending" and body["payment"]["amount"] == FEE
    assert body["redirect_url"] == f"http://testserver/thanh-toan-thu/{body['payment']['reference']}/"

    payment = Payment.objects.get(reference=body["payment"]["reference"])
    success = answer(payment, "success")
    provider = APIClient()  # the provider's server: no session, no token
    done = provider.post(CALLBACK, success, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "succeeded"
    again = provider.post(CALLBACK, success, format="json")  # the callback retried
    assert again.json()["receipt_number"] == done.json()["receipt_number"]

    fees = owner.get(f"{URL}{dossier.code}/").json()["fees"]
    assert fees["status"] == "paid_online" and fees["total"] == FEE
    assert fees["receipt_number"] == done.json()["receipt_number"]
    assert [p["status"] for p in fees["payments"]] == ["succeeded"]
    events = owner.get(f"{URL}{dossier.code}/events/").json()
    assert events["verified"] and events["events"][-1]["kind"] == "paid"

    paid_again = owner.post(f"{URL}{dossier.code}/payments/")
    assert (paid_again.status_code, paid_again.json()["code"]) == (409, "already_paid")


def test_someone_elses_dossier_is_not_found_and_a_forged_answer_is_refused():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    stranger = api_client(user_with_role("applicant", None))
    assert stranger.post(f"{URL}{dossier.code}/payments/").status_code == 404
    assert api_client(setup.officer).post(f"{URL}{dossier.code}/payments/").status_code == 403  # owner only
    assert APIClient().post(f"{URL}{dossier.code}/payments/").status_code in (401, 403)

    started = api_client(setup.applicant).post(f"{URL}{dossier.code}/payments/").json()
    payment = Payment.objects.get(reference=started["payment"]["reference"])
    forged = {**answer(payment, "success"), "signature": "f" * 64}
    refused = APIClient().post(CALLBACK, forged, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "invalid_signature")
    unknown = {**answer(payment, "success"), "reference": "nope"}
    assert APIClient().post(CALLBACK, unknown, format="json").status_code == 403  # signed over the reference
    assert APIClient().post(CALLBACK, ["not", "an", "object"], format="json").status_code == 403
    payment.refresh_from_db()
    assert payment.status == "pending"
