"""Paying fees on the portal without JavaScript: the online form's fee step (online now or at the counter), the
demo provider's page and the way back, the pay button of "my dossier", and the counter in the workspace."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from motcua.dossiers.models import Dossier, FeeStatus, Status
from motcua.payments.models import Payment, PaymentStatus
from tests.factories.dossiers import submit_online
from tests.factories.payments import setup_with_fee

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_with_fee()


@pytest.fixture
def draft(client, setup):
    client.force_login(setup.applicant)
    assert client.post(f"/nop-ho-so/{setup.version.procedure.code}/").status_code == 302
    return Dossier.objects.get(applicant=setup.applicant, status=Status.DRAFT)


def choose_on_demo_page(client, response, result: str):
    """Follow the redirect to the demo provider, press its button, and come back through the return page."""
    demo = urlsplit(response["Location"]).path
    assert demo.startswith("/thanh-toan-thu/")
    assert "50.000 đồng" in client.get(demo).content.decode()
    back = client.post(demo, {"result": result})
    assert back.status_code == 302 and "/thanh-toan/ket-qua/?" in back["Location"]
    return client.get(back["Location"], follow=True)


def test_the_fee_step_pays_online_after_a_cancel_and_shows_the_receipt(client, draft):
    tasks = client.get(f"/nop-ho-so/ho-so/{draft.code}/").content.decode()
    assert 'id="task-fee"' in tasks and "Chưa chọn" in tasks
    fee_page = f"/nop-ho-so/ho-so/{draft.code}/phi/"
    assert client.post(fee_page, {"version": draft.version}).status_code == 400  # nothing chosen

    cancelled = choose_on_demo_page(
        client, client.post(fee_page, {"version": draft.version, "how": "online"}), "cancel"
    )
    assert cancelled.redirect_chain[-1][0] == fee_page
    page = cancelled.content.decode()
    assert "Bạn đã hủy thanh toán" in page and 'name="how"' in page  # told, and may try again

    paid = choose_on_demo_page(
        client, client.post(fee_page, {"version": draft.version, "how": "online"}), "success"
    )
    receipt = Payment.objects.get(dossier=draft, status=PaymentStatus.SUCCEEDED).receipt_number
    page = paid.content.decode()
    assert "Đã nộp trực tuyến" in page and receipt in page and 'name="how"' not in page
    tasks = client.get(f"/nop-ho-so/ho-so/{draft.code}/").content.decode()
    assert "Đã nộp trực tuyến" in tasks
    check = client.get(f"/nop-ho-so/ho-so/{draft.code}/kiem-tra/").content.decode()
    assert '<dd id="check-fee-status">Đã nộp trực tuyến</dd>' in check


def test_choosing_the_counter_is_saved_on_the_task_list(client, draft):
    response = client.post(
        f"/nop-ho-so/ho-so/{draft.code}/phi/", {"version": draft.version, "how": "counter"}
    )
    assert response.status_code == 302
    assert "Nộp tại quầy khi tiếp nhận" in client.get(response["Location"]).content.decode()
    draft.refresh_from_db()
    assert draft.fee_status == FeeStatus.UNPAID


def test_my_dossier_has_a_pay_button_while_unpaid_and_a_failure_says_so(client, setup):
    dossier = submit_online(setup)
    client.force_login(setup.applicant)
    page = f"/ho-so-cua-toi/{dossier.code}/"
    assert 'id="pay-button"' in client.get(page).content.decode()
    failed = choose_on_demo_page(client, client.post(f"{page}nop-phi/"), "failure")
    assert "Thanh toán không thành công" in failed.content.decode()
    paid = choose_on_demo_page(client, client.post(f"{page}nop-phi/"), "success")
    text = paid.content.decode()
    assert "Đã nộp trực tuyến" in text and 'id="pay-button"' not in text
    assert "Không thành công" in text  # the earlier attempt is listed


def test_a_forged_return_changes_nothing_and_says_why(client, setup):
    dossier = submit_online(setup)
    client.force_login(setup.applicant)
    demo = urlsplit(client.post(f"/ho-so-cua-toi/{dossier.code}/nop-phi/")["Location"]).path
    back = client.post(demo, {"result": "success"})["Location"]
    response = client.get(back.replace("signature=", "signature=0"))
    assert response.status_code == 403
    assert "Chữ ký của kết quả thanh toán không hợp lệ" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.fee_status == FeeStatus.UNPAID


def test_a_receiving_officer_records_the_counter_payment_from_the_workspace(client, setup):
    dossier = submit_online(setup)
    client.force_login(setup.specialist)
    assert (
        'id="record-counter-payment"' not in client.get(f"/workspace/ho-so/{dossier.code}/").content.decode()
    )
    client.force_login(setup.officer)
    page = f"/workspace/ho-so/{dossier.code}/"
    assert 'id="record-counter-payment"' in client.get(page).content.decode()
    stale = client.post(f"{page}nop-phi-tai-quay/", {"version": dossier.version - 1}, follow=True)
    assert "Người khác vừa thay đổi hồ sơ này" in stale.content.decode()
    done = client.post(f"{page}nop-phi-tai-quay/", {"version": dossier.version}, follow=True)
    receipt = Payment.objects.get(dossier=dossier).receipt_number
    text = done.content.decode()
    assert "Đã nộp tại quầy" in text and receipt in text and 'id="record-counter-payment"' not in text
