"""After sending: a citizen in Chromium, with the keyboard alone, answers a supplement request (a phone photo,
kept as a PDF page, and a PDF; an empty file refused with the reason first) and says "I have supplemented"; then,
once the department has resolved the dossier with a signed result, downloads the result (a PDF only they may
download), opens the receipt with its QR code, and rates the service. In Vietnamese on a phone with JavaScript
off, and in English on a desktop; every page axe-clean and, on the phone, without sideways scrolling."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page
from pypdf import PdfReader

from motcua.accounts.models import Role
from motcua.dossiers.models import Rating, Status
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import (
    PDF_BYTES,
    awaiting_supplement,
    resolved_with_signed_result,
    setup_procedure,
)

from .test_citizen_accounts import h1, no_sideways_scroll, tab_to
from .test_online_submission import press_enter_and_wait

pytestmark = pytest.mark.browser

ITEMS = ["Bản sao giấy khai sinh", "Tờ khai"]
TEXT = {
    "vi": {
        "asked": "Bổ sung giấy tờ",
        "empty": "Tệp tải lên bị rỗng.",
        "sent": "Đã gửi giấy tờ bổ sung.",
        "in_progress": "Đang giải quyết",
        "rate": "Đánh giá mức độ hài lòng",
        "choose": "Chọn mức độ hài lòng của bạn.",
        "rated": "Rất hài lòng",
    },
    "en": {
        "asked": "Send more documents",
        "empty": "The uploaded file is empty.",
        "sent": "Your additional documents were sent.",
        "in_progress": "In progress",
        "rate": "Rate your satisfaction",
        "choose": "Choose how satisfied you are.",
        "rated": "Very satisfied",
    },
}


def phone_photo(folder: Path) -> Path:
    """A JPEG as a phone writes it: stored sideways, with the EXIF orientation that turns it upright."""
    path = folder / "IMG_20261203_0930.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (1600, 1200), (210, 190, 160)).save(path, "JPEG", exif=exif)
    return path


def choose_file(page: Page, field_id: str, path: Path) -> None:
    """The file field is reached with the keyboard; the file is then set on it directly, since the file chooser
    event does not always fire in a context with JavaScript off."""
    page.wait_for_load_state()
    tab_to(page, field_id, limit=80)
    page.locator(f"#{field_id}").set_input_files(str(path))


@pytest.mark.parametrize(
    ("viewport_width", "site_language", "javascript_enabled"),
    [(360, None, False), (1280, "en", True)],
    ids=["vi-phone-no-javascript", "en-desktop"],
)
def test_a_citizen_supplements_downloads_the_result_and_rates_it(
    page, browser, live_server, login, axe_check, tmp_path, viewport_width, site_language, javascript_enabled
):
    text = TEXT[site_language or "vi"]
    setup = setup_procedure()
    dossier = awaiting_supplement(setup, items=ITEMS)
    detail = f"/ho-so-cua-toi/{dossier.code}/"
    photo, empty, form = phone_photo(tmp_path), tmp_path / "trong.pdf", tmp_path / "to-khai.pdf"
    empty.write_bytes(b"")
    form.write_bytes(PDF_BYTES)

    def check_page() -> None:
        axe_check(page)
        if viewport_width == 360:
            no_sideways_scroll(page)

    login(page, setup.applicant, next_path=detail)
    assert h1(page) == dossier.code
    check_page()

    # What is asked: one upload per item; an empty file is refused at once, with the reason.
    tab_to(page, "supplement-link", limit=80)
    press_enter_and_wait(page)
    assert h1(page) == text["asked"]
    check_page()
    choose_file(page, "id_item-1-file", empty)
    tab_to(page, "upload-item-1", limit=80)
    press_enter_and_wait(page)
    assert text["empty"] in page.locator(".error-summary").inner_text()
    check_page()
    choose_file(page, "id_item-0-file", photo)
    tab_to(page, "upload-item-0", limit=80)
    press_enter_and_wait(page)
    choose_file(page, "id_item-1-file", form)
    tab_to(page, "upload-item-1", limit=80)
    press_enter_and_wait(page)
    assert f"{photo.stem}.pdf" in page.content() and "to-khai.pdf" in page.content()
    check_page()
    tab_to(page, "id_note", limit=80)
    page.keyboard.type("Bản chính tôi mang đến khi nhận kết quả")
    tab_to(page, "send-button", limit=20)
    press_enter_and_wait(page)
    assert page.url.endswith(detail)
    assert text["sent"] in page.locator(".messages").inner_text()
    assert text["in_progress"] in page.locator(".summary-list").inner_text()
    check_page()
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROGRESS
    kept = dossier.documents.get(original_name=f"{photo.stem}.pdf")
    assert kept.content_type == "application/pdf"
    with kept.file.open("rb") as stored:
        (sheet,) = PdfReader(io.BytesIO(stored.read())).pages
    assert float(sheet.mediabox.height) > float(sheet.mediabox.width)  # upright: a portrait page

    # The department resolves it with a signed result.
    dossier = resolved_with_signed_result(setup, dossier)
    result = dossier.documents.get(source="issued_result")
    page.goto(live_server.url + detail)
    check_page()

    # The result downloads as a PDF, for the applicant only.
    tab_to(page, f"result-{result.pk}", limit=80)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    href = page.locator(f"#result-{result.pk}").get_attribute("href")
    stranger_context = browser.new_context()
    try:
        stranger = stranger_context.new_page()
        assert stranger.request.get(live_server.url + href).status in (401, 403)
        login(stranger, user_with_role(Role.APPLICANT), next_path="/ho-so-cua-toi/")
        assert stranger.request.get(live_server.url + href).status == 404
    finally:
        stranger_context.close()

    # The receipt (form 01) opens as a PDF with its QR code.
    receipt = page.request.get(live_server.url + page.locator("#form-receipt").get_attribute("href"))
    assert receipt.status == 200 and receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")
    assert PdfReader(io.BytesIO(receipt.body())).pages[0].images  # the QR code

    # Rating: a level must be chosen; then the rating given shows on the dossier.
    tab_to(page, "rate-link", limit=80)
    press_enter_and_wait(page)
    assert h1(page) == text["rate"]
    check_page()
    tab_to(page, "rate-button", limit=80)
    press_enter_and_wait(page)
    assert text["choose"] in page.locator(".error-summary").inner_text()
    check_page()
    tab_to(page, "id_level_0", limit=80)
    page.keyboard.press("Space")
    tab_to(page, "id_comment", limit=20)
    page.keyboard.type("Nhanh, rõ ràng")
    tab_to(page, "rate-button", limit=20)
    press_enter_and_wait(page)
    assert text["rated"] in page.locator("#rating").inner_text()
    check_page()
    assert Rating.objects.get(dossier=dossier).level == "very_satisfied"
