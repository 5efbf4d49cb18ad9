"""The receipt of a successful payment as a PDF: what it prints (payer, code, procedure, amount in đồng with dot
thousands, provider reference, time), who may download it, and its place in the schema."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from motcua.payments import services
from tests.api.test_dossier_api import client_for
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import submit_online
from tests.factories.payments import answer, pay, setup_with_fee, start

pytestmark = pytest.mark.django_db
PAID_AT = datetime(2026, 3, 9, 14, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def url(dossier, payment) -> str:
    return f"/api/v1/dossiers/{dossier.code}/payments/{payment.pk}/receipt.pdf"


def text_of(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def paid():
    setup = setup_with_fee(amount=1_500_000)
    dossier = submit_online(setup)  # filed by Nguyễn Văn An for himself
    with time_machine.travel(PAID_AT, tick=False):
        payment = pay(setup, dossier.code)
    return setup, dossier, payment


def test_the_receipt_prints_the_payer_dossier_procedure_amount_reference_and_time(paid):
    setup, dossier, payment = paid
    response = client_for(setup.applicant).get(url(dossier, payment), HTTP_ACCEPT_LANGUAGE="en")
    assert f"{dossier.code}-bien-lai-{payment.receipt_number}.pdf" in response["Content-Disposition"]
    text = text_of(response)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text and f"Số biên lai: {payment.receipt_number}" in text
    assert "Họ và tên người nộp: NGUYỄN VĂN AN" in text
    assert f"Mã hồ sơ: {dossier.code}" in text and setup.version.name in text
    assert "Lệ phí 1.500.000 đồng" in text and "Tổng số tiền đã nộp 1.500.000 đồng" in text
    assert f"Mã giao dịch của đơn vị thanh toán: {payment.provider_reference}" in text
    assert "Thời gian nộp: 14 giờ 30, ngày 09/03/2026" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text and "ngày 09 tháng 03 năm 2026" in text


def test_a_counter_payment_names_the_officer_who_took_it():
    setup = setup_with_fee()
    dossier = submit_online(setup)
    payment = services.payment_record_at_counter(
        code=dossier.code, actor=setup.officer, version=dossier.version
    )
    text = text_of(client_for(setup.officer).get(url(dossier, payment)))
    assert "Tiền mặt tại bộ phận một cửa" in text and setup.officer.display_name in text
    assert "50.000 đồng" in text


def test_scoped_like_the_dossier_and_only_for_a_successful_payment(paid):
    setup, dossier, payment = paid
    assert client_for(setup.officer).get(url(dossier, payment)).status_code == 200  # the receiving agency
    stranger = client_for(user_with_role("applicant", None))
    refused = stranger.get(url(dossier, payment))
    assert refused.status_code == 404 and refused.json()["code"] == "dossier_not_found"
    other = submit_online(setup)
    crossed = client_for(setup.applicant).get(
        f"/api/v1/dossiers/{other.code}/payments/{payment.pk}/receipt.pdf"
    )
    assert crossed.status_code == 404 and crossed.json()["code"] == "payment_not_found"
    failed = services.payment_complete(data=answer(start(setup, other.code), "failure"))
    assert client_for(setup.applicant).get(url(other, failed)).json()["code"] == "payment_not_found"


def test_the_owner_downloads_it_from_my_dossier(client, paid):
    setup, dossier, payment = paid
    client.force_login(setup.applicant)
    html = client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert f'href="{url(dossier, payment)}"' in html
    assert client.get(url(dossier, payment))["Content-Type"] == "application/pdf"  # the browser's session


def test_the_schema_documents_the_receipt(paid):
    setup, _dossier, _payment = paid
    schema = client_for(setup.applicant).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/dossiers/{code}/payments/{payment_id}/receipt.pdf"]["get"]
    assert operation["operationId"] == "dossiers_payment_receipt"
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert "application/json" in operation["responses"]["404"]["content"]
    assert "id" in schema["components"]["schemas"]["Payment"]["properties"]
