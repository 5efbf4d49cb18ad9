"""A citizen, with the keyboard alone, stores a document in "Kho giấy tờ của tôi", then submits a dossier with
two documents: the stored one reused for the component that accepts it, and a phone photo for the other. The
receiving officer sees both. Every page is axe-clean at 360 px (Vietnamese) and 1280 px (English) and does not
scroll sideways on a phone."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import Page

from motcua.accounts.models import Role
from motcua.documents.models import Source
from motcua.dossiers.models import Dossier, Status
from tests.factories.accounts import user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, setup_procedure

from .test_citizen_accounts import h1, no_sideways_scroll, tab_to

pytestmark = pytest.mark.browser

TEXT = {
    "vi": {"store": "Kho giấy tờ của tôi", "done": "Đã gửi hồ sơ"},
    "en": {"store": "My document store", "done": "Dossier sent"},
}


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_file(page: Page, input_id: str, path) -> None:
    # Reached by keyboard; the file is set on the field (the chooser event does not always fire).
    tab_to(page, input_id, limit=80)
    page.locator(f"#{input_id}").set_input_files(str(path))


@pytest.mark.parametrize(
    ("viewport_width", "site_language"), [(360, None), (1280, "en")], ids=["vi-phone", "en-desktop"]
)
def test_a_stored_document_and_a_phone_photo_make_one_dossier(
    page, live_server, login, axe_check, tmp_path, viewport_width, site_language
):
    text = TEXT[site_language or "vi"]
    setup = setup_procedure()
    setup.department.one_stop_section = setup.centre
    setup.department.save(update_fields=["one_stop_section"])
    RequiredDocumentFactory(
        version=setup.version, code="CCCD", name="Thẻ căn cước", mandatory=True, reusable_kind="id_card"
    )
    citizen = user_with_role(Role.APPLICANT, None, phone="+84912345678", address_province="Hà Nội")
    card = tmp_path / "can-cuoc.pdf"
    card.write_bytes(PDF_BYTES)
    photo = tmp_path / "IMG_20261203_0815.jpg"
    Image.new("RGB", (1200, 1600), (230, 225, 210)).save(photo, format="JPEG")

    def check_page() -> None:
        axe_check(page)
        if viewport_width == 360:
            no_sideways_scroll(page)

    # The store: empty, then a document added with its metadata.
    login(page, citizen, next_path="/kho-giay-to/")
    assert h1(page) == text["store"]
    check_page()
    tab_to(page, "store-add", limit=80)
    press_enter_and_wait(page)
    check_page()
    tab_to(page, "id_title", limit=80)
    page.keyboard.type("Căn cước của tôi")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the kind: the catalog's one reusable kind here
    assert page.locator("#id_kind").input_value() == "id_card"
    tab_to(page, "id_issued_on")
    page.keyboard.type("12/03/2024")
    choose_file(page, "id_file", card)
    tab_to(page, "store-save")
    press_enter_and_wait(page)
    assert h1(page) == "Căn cước của tôi"
    check_page()

    # A new dossier: the stored card for CCCD, a phone photo for the form.
    page.goto(f"{live_server.url}/nop-ho-so/{setup.version.procedure.code}/")
    tab_to(page, "start-button", limit=80)
    press_enter_and_wait(page)
    dossier = Dossier.objects.get(applicant=citizen)
    tab_to(page, "task-applicant", limit=80)
    press_enter_and_wait(page)
    tab_to(page, "save-applicant", limit=120)
    press_enter_and_wait(page)
    tab_to(page, "task-documents", limit=80)
    press_enter_and_wait(page)
    check_page()
    radio = page.locator("input[name='reuse-CCCD-personal_document']")
    tab_to(page, radio.get_attribute("id"), limit=80)
    page.keyboard.press("Space")
    tab_to(page, "reuse-CCCD", limit=20)
    press_enter_and_wait(page)
    choose_file(page, "id_doc-TK-file", photo)
    tab_to(page, "upload-TK", limit=80)
    press_enter_and_wait(page)
    # The photo is kept as an A4 PDF page of the same name.
    assert "can-cuoc.pdf" in page.content() and f"{photo.stem}.pdf" in page.content()
    check_page()
    tab_to(page, "documents-continue", limit=120)
    press_enter_and_wait(page)
    tab_to(page, "id_delivery_0", limit=80)
    page.keyboard.press("Space")
    tab_to(page, "save-delivery", limit=80)
    press_enter_and_wait(page)
    tab_to(page, "send-button", limit=120)
    press_enter_and_wait(page)
    assert h1(page) == text["done"]

    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    sources = dict(dossier.documents.values_list("component_code", "source"))
    assert sources == {"CCCD": Source.REUSED, "TK": Source.UPLOADED}

    # The receiving officer sees both documents on the dossier's page.
    page.context.clear_cookies()
    login(page, setup.officer, next_path=f"/workspace/ho-so/{dossier.code}/")
    documents = page.locator("#documents-title").locator("xpath=..").inner_text()
    assert "can-cuoc.pdf" in documents and f"{photo.stem}.pdf" in documents
    check_page()
