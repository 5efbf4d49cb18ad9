"""The citizen's whole journey in Chromium, one new person from sign-up to the answer to their feedback, with the
officers acting through their own pages in between (issue #10):

sign up (the code read from the log sender's outbox) and fill the profile; keep the identity card in the
document store; apply online for a procedure with a fee, reusing the stored card and uploading a phone photo
(JPEG); send it and pay online with the demo provider; the one-stop section receives it; the specialist asks for a
supplement, which the citizen uploads and sends; the specialist completes the step, the leader signs the result
and approves it, the one-stop section returns it; the citizen downloads the signed result (it verifies on the
public signature check page) and rates the service; files feedback about the dossier, which an officer answers
and the leader approves, and rates the answer; finally anyone looks the dossier up by code: without the secret
no personal data, with the secret (printed on the receipt) the timeline.

In Vietnamese on a phone (360 px) and in English on a desktop (1280 px); every citizen page visited is axe-clean.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.documents.models import PersonalDocument, Source, StoredFrom
from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys
from motcua.dossiers.models import Dossier, EventKind, FeeStatus, Rating, Status
from motcua.feedback.models import Feedback
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES
from tests.factories.payments import setup_with_fee

from .test_citizen_accounts import code_sent_to, h1, no_sideways_scroll, tab_to
from .test_my_dossier_actions import phone_photo
from .test_online_submission import press_enter_and_wait

pytestmark = pytest.mark.browser

NAME = "Đặng Thị Hồng Nhung"
PASSWORD = "mat-khau-cua-Nhung-2026"
TEXT = {
    "vi": {
        "profile": "Thông tin cá nhân",
        "store": "Kho giấy tờ của tôi",
        "done": "Đã gửi hồ sơ",
        "paid": "Đã nộp trực tuyến",
        "asked": "Bổ sung giấy tờ",
        "sent": "Đã gửi giấy tờ bổ sung.",
        "rated": "Rất hài lòng",
        "received": "Đã tiếp nhận",
        "complaint": "Phản ánh",
        "send_feedback": "Gửi phản ánh, kiến nghị",
        "satisfied": "Hài lòng",
        "closed": "Đã đóng",
        "valid": "Hợp lệ",
        "submitted_event": "Nộp hồ sơ",
    },
    "en": {
        "profile": "Personal details",
        "store": "My document store",
        "done": "Dossier sent",
        "paid": "Paid online",
        "asked": "Send more documents",
        "sent": "Your additional documents were sent.",
        "rated": "Very satisfied",
        "received": "Received",
        "complaint": "Complaint",
        "send_feedback": "Send a complaint or recommendation",
        "satisfied": "Satisfied",
        "closed": "Closed",
        "valid": "Valid",
        "submitted_event": "Submitted",
    },
}


def click_and_wait(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def act(page: Page, action: str, **fields: str) -> None:
    """On the officer's dossier page: open an action's form, fill it, send it; the page says it was done."""
    form = page.locator(f"#action-{action}")
    form.locator("summary").click()
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".messages").is_visible(), page.locator("main").inner_text()[:2000]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


class Officers:
    """The officers' own browser (a separate context, desktop width, Vietnamese): one signed in at a time."""

    def __init__(self, browser: Browser, login: Callable[..., None]) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.login = login

    def as_(self, user: User, path: str) -> Page:
        self.context.clear_cookies()
        self.login(self.page, user, next_path=path)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize(
    ("viewport_width", "site_language", "phone"),
    [(360, None, "0913 246 810"), (1280, "en", "+84 983 579 135")],
    ids=["vi-phone", "en-desktop"],
)
def test_one_citizen_from_sign_up_to_the_answer_to_their_feedback(
    page, browser, live_server, login, axe_check, tmp_path, viewport_width, site_language, phone
):
    text = TEXT[site_language or "vi"]
    base = live_server.url
    setup = setup_with_fee()
    setup.department.one_stop_section = setup.centre
    setup.department.save(update_fields=["one_stop_section"])
    RequiredDocumentFactory(
        version=setup.version, code="CCCD", name="Thẻ căn cước", mandatory=True, reusable_kind="id_card"
    )
    create_signing_keys(agencies=agencies_that_resolve())
    procedure = setup.version.procedure.code
    e164 = "+84" + "".join(ch for ch in phone if ch.isdigit()).removeprefix("84").removeprefix("0")
    card = tmp_path / "can-cuoc.pdf"
    card.write_bytes(PDF_BYTES)
    photo = phone_photo(tmp_path)
    officers = Officers(browser, login)

    def check_page() -> None:
        axe_check(page)
        if viewport_width == 360:
            no_sideways_scroll(page)

    try:
        # 1. Sign up with the keyboard, the code from the outbox; sign in; the profile.
        page.goto(base + "/accounts/sign-up/")
        check_page()
        tab_to(page, "id_full_name")
        page.keyboard.type(NAME)
        page.keyboard.press("Tab")
        page.keyboard.type(phone)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        press_enter_and_wait(page)
        assert page.url.endswith("/accounts/verify/")
        check_page()
        tab_to(page, "id_code")
        page.keyboard.type(code_sent_to(e164))
        press_enter_and_wait(page)
        assert "/accounts/sign-in/" in page.url
        tab_to(page, "id_username")
        page.keyboard.type(phone)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        press_enter_and_wait(page)
        assert page.url.endswith("/accounts/profile/") and h1(page) == text["profile"]
        page.locator("#id_personal_id").fill("001190012345")
        page.locator("#id_birth_date").fill("14/02/1990")
        page.locator("#id_sex").select_option("female")
        page.locator("#id_address_street").fill("25 phố Lò Đúc")
        page.locator("#id_address_commune").fill("Phường Hai Bà Trưng")
        page.locator("#id_address_province").fill("Thành phố Hà Nội")
        click_and_wait(page, "main form button[type=submit]")
        assert page.locator(".messages").is_visible()
        check_page()
        citizen = User.objects.get(username=e164)

        # 2. The identity card kept in the store.
        page.goto(base + "/kho-giay-to/")
        assert h1(page) == text["store"]
        click_and_wait(page, "#store-add")
        check_page()
        page.locator("#id_title").fill("Căn cước của tôi")
        page.locator("#id_kind").select_option("id_card")
        page.locator("#id_issued_on").fill("12/03/2024")
        page.locator("#id_file").set_input_files(str(card))
        click_and_wait(page, "#store-save")
        assert h1(page) == "Căn cước của tôi"
        check_page()

        # The procedure's page, then the online form: the card reused, the phone photo uploaded.
        page.goto(f"{base}/thu-tuc/{procedure}/")
        check_page()
        click_and_wait(page, "#submit-online")
        assert page.url.endswith(f"/nop-ho-so/{procedure}/")
        click_and_wait(page, "#start-button")
        dossier = Dossier.objects.get(applicant=citizen)
        check_page()
        click_and_wait(page, "#task-applicant")
        assert page.locator("#id_name").input_value() == NAME
        click_and_wait(page, "#save-applicant")
        click_and_wait(page, "#task-documents")
        check_page()
        page.locator("input[name='reuse-CCCD-personal_document']").first.check()
        click_and_wait(page, "#reuse-CCCD")
        page.locator("#id_doc-TK-file").set_input_files(str(photo))
        click_and_wait(page, "#upload-TK")
        assert "can-cuoc.pdf" in page.content() and f"{photo.stem}.pdf" in page.content()
        check_page()
        click_and_wait(page, "#documents-continue")
        page.locator("#id_delivery_0").check()  # online: the signed result in the store
        click_and_wait(page, "#save-delivery")
        check_page()
        tab_to(page, "send-button", limit=120)
        press_enter_and_wait(page)
        assert h1(page) == text["done"]
        assert page.locator("#dossier-code").inner_text() == dossier.code
        check_page()

        # 3. The fee, paid online from "my dossier" through the demo provider's page.
        click_and_wait(page, "#my-dossier-link")
        click_and_wait(page, "#pay-button")
        assert "/thanh-toan-thu/" in page.url
        check_page()
        click_and_wait(page, "#demo-success")
        assert page.locator("#fee-status").inner_text() == text["paid"]
        check_page()
        dossier.refresh_from_db()
        assert (dossier.status, dossier.fee_status) == (Status.SUBMITTED, FeeStatus.PAID_ONLINE)
        assert dict(dossier.documents.values_list("component_code", "source")) == {
            "CCCD": Source.REUSED,
            "TK": Source.UPLOADED,
        }

        # 4. The one-stop section receives it from its intake queue; the specialist asks for a supplement.
        desk = officers.as_(setup.officer, "/workspace/ho-so/?queue=to_receive")
        click_and_wait(desk, f'tr[data-code="{dossier.code}"] a')
        act(desk, "receive", note="Đủ thành phần, đã nộp phí")
        desk = officers.as_(setup.specialist, "/workspace/ho-so/?queue=agency")
        click_and_wait(desk, f'tr[data-code="{dossier.code}"] a')
        act(desk, "request_supplement", reason="Ảnh tờ khai bị mờ", items="Tờ khai chụp rõ nét")

        # 5. The citizen sees the request on their dossier, uploads the item and sends it.
        page.goto(f"{base}/ho-so-cua-toi/{dossier.code}/")
        assert "Tờ khai chụp rõ nét" in page.locator(".request-box").inner_text()
        check_page()
        click_and_wait(page, "#supplement-link")
        assert h1(page) == text["asked"]
        check_page()
        page.locator("#id_item-0-file").set_input_files(str(photo))
        click_and_wait(page, "#upload-item-0")
        click_and_wait(page, "#send-button")
        assert text["sent"] in page.locator(".messages").inner_text()
        check_page()

        # 6. The specialist completes the step; the leader signs the result and approves it (the approvals
        # page); the one-stop section returns it.
        desk = officers.as_(setup.specialist, f"/workspace/ho-so/{dossier.code}/")
        act(desk, "complete_step", outcome="Đủ điều kiện")
        desk = officers.as_(setup.leader, "/workspace/lanh-dao/phe-duyet/")
        row = f'tr[data-code="{dossier.code}"]'
        click_and_wait(desk, f"{row} form button[type=submit]")  # sign
        assert desk.locator(".messages").is_visible()
        click_and_wait(desk, f"{row} form button[type=submit]")  # approve
        dossier.refresh_from_db()
        assert dossier.status == Status.RESOLVED
        desk = officers.as_(setup.officer, f"/workspace/ho-so/{dossier.code}/")
        act(desk, "return", note="Kết quả điện tử đã gửi vào kho giấy tờ")
        dossier.refresh_from_db()
        assert dossier.status == Status.RETURNED

        # 7. The citizen downloads the signed result; it verifies on the public check page. Then rates.
        page.goto(f"{base}/ho-so-cua-toi/{dossier.code}/")
        with translation.override(site_language or "vi"):
            assert page.locator(".status-text").inner_text() == str(Status.RETURNED.label)
            timeline = page.locator(".timeline").inner_text()
            for kind in (
                EventKind.RECEIVED,
                EventKind.PAID,
                EventKind.SUPPLEMENT_REQUESTED,
                EventKind.SUPPLEMENTED,
                EventKind.RESOLVED,
                EventKind.RETURNED,
            ):
                assert str(kind.label) in timeline, f"{kind} missing from {timeline}"
        check_page()
        result = dossier.documents.get(source=Source.ISSUED_RESULT)
        with page.expect_download() as download:
            page.locator(f"#result-{result.pk}").click()
        signed = tmp_path / "ket-qua.pdf"
        download.value.save_as(signed)
        assert signed.read_bytes().startswith(b"%PDF")
        receipt = page.request.get(base + page.locator("#form-receipt").get_attribute("href"))
        assert receipt.ok and dossier.lookup_secret in pdf_text(receipt.body())
        click_and_wait(page, "#rate-link")
        check_page()
        page.locator("#id_level_0").check()
        page.locator("#id_comment").fill("Nhanh, không phải đi lại")
        click_and_wait(page, "#rate-button")
        assert text["rated"] in page.locator("#rating").inner_text()
        assert Rating.objects.get(dossier=dossier).level == "very_satisfied"
        # The result is also in the document store, next to the card, for reuse.
        page.goto(base + "/kho-giay-to/")
        stored = page.locator("main").inner_text()
        kept = PersonalDocument.objects.get(owner=citizen, stored_from=StoredFrom.ISSUED_RESULT)
        assert kept.source_dossier_code == dossier.code and kept.signed
        assert "Căn cước của tôi" in stored and kept.title in stored, stored
        check_page()
        page.goto(base + "/kiem-tra-chu-ky/")
        page.locator("input[type=file]").set_input_files(str(signed))
        click_and_wait(page, "form.form button[type=submit]")
        assert page.locator(".signature-verdict h2 .tag").inner_text() == text["valid"]
        check_page()

        # 8. Feedback about the dossier: drafted by the specialist, approved by the leader, rated by the citizen.
        page.goto(f"{base}/ho-so-cua-toi/{dossier.code}/")
        click_and_wait(page, ".action-links a")
        check_page()
        page.get_by_label(text["complaint"], exact=True).check()
        page.locator("#id_subject").fill("Thông báo bổ sung đến chậm")
        page.locator("#id_content").fill("Tôi nhận tin nhắn yêu cầu bổ sung sau hai ngày.")
        click_and_wait(page, "main form.form button[type=submit]")
        check_page()
        feedback = Feedback.objects.get(dossier=dossier)
        desk = officers.as_(setup.specialist, "/workspace/phan-anh-kien-nghi/")
        click_and_wait(desk, f'tr[data-feedback="{feedback.pk}"] a')
        desk.get_by_label("Nội dung trả lời").fill("Xin lỗi bà; tin nhắn nay được gửi ngay khi có yêu cầu.")
        click_and_wait(desk, "form[action$='/draft_answer/'] button[type=submit]")
        desk = officers.as_(setup.leader, f"/workspace/phan-anh-kien-nghi/{feedback.pk}/")
        click_and_wait(desk, "form[action$='/approve/'] button[type=submit]")
        page.goto(f"{base}/phan-anh-kien-nghi-cua-toi/{feedback.pk}/")
        assert "tin nhắn nay được gửi ngay" in page.locator("#feedback-answer").inner_text()
        check_page()
        page.get_by_label(text["satisfied"], exact=True).check()
        click_and_wait(page, "main form.form button[type=submit]")
        assert page.locator("#feedback-rating").inner_text() == text["satisfied"]
        assert page.locator("#feedback-status").inner_text() == text["closed"]
        check_page()
    finally:
        officers.close()

    # 9. Lookup by code in a fresh browser: the status for anyone, the timeline with the secret, never the name.
    stranger_context = browser.new_context(viewport={"width": viewport_width, "height": 800})
    try:
        if site_language:
            stranger_context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": site_language, "url": base}]
            )
        stranger = stranger_context.new_page()
        stranger.goto(base + "/tra-cuu/")
        stranger.locator("#id_code").fill(dossier.code)
        click_and_wait(stranger, "main form button[type=submit]")
        assert stranger.url.endswith(f"/tra-cuu/{dossier.code}/")
        assert stranger.locator(".timeline").count() == 0
        assert NAME not in stranger.content() and e164 not in stranger.content()
        axe_check(stranger)
        stranger.locator("#id_secret").fill(dossier.lookup_secret)
        click_and_wait(stranger, "main form button[type=submit]")
        assert text["submitted_event"] in stranger.locator(".timeline").inner_text()
        assert NAME not in stranger.content()
        axe_check(stranger)
    finally:
        stranger_context.close()
