"""A citizen pays the fees in the online form with the demo provider, at 360 px: a first attempt cancelled (told
so, with a way to try again), then a success, shown as "Đã nộp trực tuyến" with the receipt number. Every page
of the payment is axe-clean and does not scroll sideways. The dossier is then sent and received by the
one-stop section, paid, as the applicant's and the officer's dossier pages show."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, FeeStatus, Status
from motcua.payments.models import Payment, PaymentStatus
from tests.factories.dossiers import applicant_data, pdf_file
from tests.factories.payments import setup_with_fee

from .test_citizen_accounts import h1, no_sideways_scroll

pytestmark = pytest.mark.browser


def click_and_wait(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def pay_online(page: Page) -> None:
    page.check("#id_how_0")
    click_and_wait(page, "#save-fee")
    assert "/thanh-toan-thu/" in page.url


@pytest.mark.parametrize("viewport_width", [360])
def test_a_citizen_cancels_then_pays_the_fees_online_in_the_form(page, live_server, login, axe_check):
    setup = setup_with_fee()
    setup.department.one_stop_section = setup.centre
    setup.department.save(update_fields=["one_stop_section"])

    def check_page() -> None:
        axe_check(page)
        no_sideways_scroll(page)

    login(page, setup.applicant, next_path=f"/nop-ho-so/{setup.version.procedure.code}/")
    click_and_wait(page, "#start-button")
    dossier = Dossier.objects.get(applicant=setup.applicant, status=Status.DRAFT)
    assert page.locator("#task-fee-status").inner_text() == "Chưa chọn"

    click_and_wait(page, "#task-fee")
    assert h1(page) == "Nộp phí, lệ phí"
    check_page()
    pay_online(page)
    assert "50.000 đồng" in page.locator("#demo-amount").inner_text()
    check_page()

    click_and_wait(page, "#demo-cancel")
    assert page.url.endswith(f"/nop-ho-so/ho-so/{dossier.code}/phi/")
    assert "Bạn đã hủy thanh toán" in page.locator(".messages").inner_text()
    check_page()

    pay_online(page)
    click_and_wait(page, "#demo-success")
    receipt = Payment.objects.get(dossier=dossier, status=PaymentStatus.SUCCEEDED).receipt_number
    assert page.locator("#fee-status").inner_text() == "Đã nộp trực tuyến"
    assert page.locator("#receipt-number").inner_text() == receipt
    assert receipt in page.locator(".messages").inner_text()
    check_page()
    click_and_wait(page, "#fee-continue")
    assert page.locator("#task-fee-status").inner_text() == "Đã nộp trực tuyến"

    # The rest of the form (covered page by page elsewhere), then the one-stop section receives it, paid.
    dossier.refresh_from_db()
    dossier = services.dossier_draft_applicant_set(
        code=dossier.code, actor=setup.applicant, version=dossier.version, applicant=applicant_data()
    )
    services.dossier_add_document(
        code=dossier.code, actor=setup.applicant, file=pdf_file(), component_code="TK"
    )
    dossier = services.dossier_draft_result_delivery_set(
        code=dossier.code, actor=setup.applicant, version=dossier.version, delivery="online"
    )
    dossier = services.dossier_draft_send(code=dossier.code, actor=setup.applicant, version=dossier.version)
    dossier = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
    assert (dossier.status, dossier.fee_status) == (Status.RECEIVED, FeeStatus.PAID_ONLINE)

    # The applicant's dossier page and the officer's show the fees paid, with the receipt and both attempts.
    for path in (f"/ho-so-cua-toi/{dossier.code}/", f"/workspace/ho-so/{dossier.code}/"):
        if path.startswith("/workspace/"):
            login(page, setup.officer, next_path=path)
        else:
            page.goto(f"{live_server.url}{path}")
        assert page.locator("#receipt-number").inner_text() == receipt
        assert page.locator("#payment-attempts li").count() == 2
        assert page.locator("#pay-button, #record-counter-payment").count() == 0
        check_page()
