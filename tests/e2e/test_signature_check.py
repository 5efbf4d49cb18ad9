"""The public signature check page in Chromium: a signed result verifies, a tampered copy does not; axe-core
finds nothing at phone and desktop widths, in Vietnamese and English."""

from __future__ import annotations

import pytest

from motcua.documents.signing import sign_pdf
from motcua.documents.signing_keys import create_signing_keys
from tests.factories.signing import plain_pdf
from tests.portal.test_signature_check_page import tampered

pytestmark = pytest.mark.browser

VERDICT_HEADING = {"vi": ("Hợp lệ", "Không hợp lệ"), "en": ("Valid", "Not valid")}


@pytest.fixture(params=["vi", "en"])
def site_language(request) -> str:
    return request.param


@pytest.fixture
def files(tmp_path):
    create_signing_keys(agencies=[("STP", "Sở Tư pháp")])
    signed = sign_pdf(pdf=plain_pdf(), agency_code="STP", signer_name="Sở Tư pháp")
    good, bad = tmp_path / "ket-qua.pdf", tmp_path / "ket-qua-sua.pdf"
    good.write_bytes(signed)
    bad.write_bytes(tampered(signed))
    return good, bad


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_a_signed_result_verifies_and_a_tampered_copy_does_not(
    page, live_server, axe_check, files, site_language, viewport_width
):
    good, bad = files
    valid, invalid = VERDICT_HEADING[site_language]
    page.goto(live_server.url + "/kiem-tra-chu-ky/")
    assert page.locator("html").get_attribute("lang") == site_language
    axe_check(page)

    page.get_by_role("button", name="Kiểm tra" if site_language == "vi" else "Check", exact=True).click()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)

    page.get_by_label(
        "Tệp PDF cần kiểm tra" if site_language == "vi" else "PDF file to check"
    ).set_input_files(str(good))
    page.locator("form.form button[type=submit]").click()
    verdict = page.locator(".signature-verdict")
    assert verdict.locator("h2 .tag").inner_text() == valid
    assert "Sở Tư pháp" in verdict.inner_text()
    axe_check(page)
    if viewport_width == 360:
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 360px"

    page.locator("input[type=file]").set_input_files(str(bad))
    page.locator("form.form button[type=submit]").click()
    assert page.locator(".signature-verdict h2 .tag").inner_text() == invalid
    axe_check(page)
