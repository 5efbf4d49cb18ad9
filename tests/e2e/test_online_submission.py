"""A citizen submits a dossier online in Chromium with the keyboard alone: from the procedure page through
sign-in, the task list, the applicant's details, two uploads (a phone photo as PNG, kept as a PDF page, and a
PDF), the way of receiving the result, check your answers and the confirmation; then the receiving officer of the
one-stop section receives it. Every page of the flow is axe-clean at 360 px (Vietnamese) and 1280 px (English), does not
scroll sideways on a phone, and weighs under 200 KB (HTML, CSS and JavaScript, uploads excluded)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

from motcua.accounts.models import Role
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from tests.factories.accounts import PASSWORD, user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, setup_procedure

from .test_citizen_accounts import h1, no_sideways_scroll, tab_to

pytestmark = pytest.mark.browser

MAX_PAGE_BYTES = 200 * 1024
SCREENSHOTS = os.environ.get("MOTCUA_SCREENSHOT_DIR")  # set to write the README's docs/screenshots/ images
TEXT = {
    "vi": {
        "tasks": "Nộp hồ sơ trực tuyến",
        "done": "Đã gửi hồ sơ",
        "check": "Kiểm tra trước khi gửi",
        "received": "Tiếp nhận",
    },
    "en": {
        "tasks": "Apply online",
        "done": "Dossier sent",
        "check": "Check your answers before sending",
        "received": "Received",
    },
}
# What a page transferred: the document and the style sheets and scripts it loaded (uploads are form posts).
PAGE_WEIGHT_JS = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries
    .filter(e => ['navigation', 'link', 'script', 'css'].includes(e.initiatorType))
    .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
}"""


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("viewport_width", "site_language"), [(360, None), (1280, "en")], ids=["vi-phone", "en-desktop"]
)
def test_a_citizen_submits_online_with_the_keyboard_and_the_one_stop_section_receives_it(
    page, live_server, axe_check, tmp_path, viewport_width, site_language
):
    text = TEXT[site_language or "vi"]
    setup = setup_procedure()
    setup.department.one_stop_section = setup.centre
    setup.department.save(update_fields=["one_stop_section"])
    RequiredDocumentFactory(version=setup.version, code="ANH", name="Ảnh chân dung", mandatory=True, copies=1)
    citizen = user_with_role(
        Role.APPLICANT,
        None,
        phone="+84912345678",
        address_street="12 phố Hàng Bạc",
        address_province="Hà Nội",
    )
    photo = tmp_path / "IMG_20261203_0815.png"
    Image.new("RGB", (1200, 900), (200, 180, 150)).save(photo)
    form = tmp_path / "to-khai.pdf"
    form.write_bytes(PDF_BYTES)
    code = setup.version.procedure.code
    weights: dict[str, int] = {}

    def check_page() -> None:
        axe_check(page)
        if viewport_width == 360:
            no_sideways_scroll(page)
        weights[page.url] = page.evaluate(PAGE_WEIGHT_JS)

    def screenshot(name: str) -> None:
        if SCREENSHOTS and viewport_width == 360:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)

    # The procedure page: signed out, the button leads through sign-in and back.
    page.goto(f"{live_server.url}/thu-tuc/{code}/")
    tab_to(page, "submit-online", limit=120)
    press_enter_and_wait(page)
    assert "/accounts/sign-in/" in page.url
    tab_to(page, "id_username")
    page.keyboard.type(citizen.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    assert page.url.endswith(f"/nop-ho-so/{code}/")
    check_page()

    # Start: a draft and its task list.
    tab_to(page, "start-button")
    press_enter_and_wait(page)
    dossier = Dossier.objects.get(applicant=citizen)
    assert dossier.status == Status.DRAFT
    assert h1(page) == text["tasks"]
    check_page()
    screenshot("wizard-tasks-phone-360")

    # Applicant's details, prefilled from the profile; a wrong number first, kept as typed.
    tab_to(page, "task-applicant")
    press_enter_and_wait(page)
    assert page.locator("#id_name").input_value() == citizen.full_name
    assert page.locator("#id_address_street").input_value() == "12 phố Hàng Bạc"
    check_page()
    tab_to(page, "id_personal_id", limit=80)
    page.keyboard.type("12345")
    press_enter_and_wait(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_personal_id").input_value() == "12345"
    check_page()
    tab_to(page, "id_personal_id", limit=80)
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    tab_to(page, "save-applicant", limit=80)
    press_enter_and_wait(page)
    assert page.url.endswith(f"/nop-ho-so/ho-so/{dossier.code}/")

    # Documents: the photo and the form, each chosen and uploaded from the keyboard.
    tab_to(page, "task-documents")
    press_enter_and_wait(page)
    check_page()
    for component, path in (("ANH", photo), ("TK", form)):
        # Reached by keyboard; the file is set on the field (the chooser event does not always fire).
        tab_to(page, f"id_doc-{component}-file", limit=80)
        page.locator(f"#id_doc-{component}-file").set_input_files(str(path))
        tab_to(page, f"upload-{component}", limit=80)
        press_enter_and_wait(page)
    # The photo is kept as a one-page PDF of the same name.
    assert f"{photo.stem}.pdf" in page.content() and "to-khai.pdf" in page.content()
    check_page()
    tab_to(page, "documents-continue", limit=80)
    press_enter_and_wait(page)

    # How to receive the result.
    check_page()
    tab_to(page, "id_delivery_0", limit=80)
    page.keyboard.press("Space")
    tab_to(page, "save-delivery", limit=80)
    press_enter_and_wait(page)

    # Check your answers, then send.
    assert h1(page) == text["check"]
    check_page()
    screenshot("wizard-check-phone-360")
    tab_to(page, "send-button", limit=120)
    press_enter_and_wait(page)
    assert h1(page) == text["done"]
    assert page.locator("#dossier-code").inner_text() == dossier.code
    check_page()

    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert sorted(dossier.documents.values_list("component_code", flat=True)) == ["ANH", "TK"]

    # The receiving officer of the one-stop section sees it in the intake queue and receives it.
    assert dossier.receiving_agency == setup.centre
    received = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
    assert received.status == Status.RECEIVED

    # The citizen follows it: the timeline of my dossier shows the submission and the receipt.
    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.code}/")
    timeline = page.locator("main").inner_text()
    assert text["received"] in timeline and received.code in timeline
    check_page()
    screenshot("my-dossier-timeline-phone-360")

    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] < MAX_PAGE_BYTES, f"{heaviest} weighs {weights[heaviest]} bytes"
    print(f"submission pages weigh at most {weights[heaviest]} bytes ({heaviest})")
