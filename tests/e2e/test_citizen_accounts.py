"""A citizen in Chromium: signs up with a phone number (keyboard only), enters the code read from the log
sender's outbox, signs in, fills the profile, sees a dossier filed for them, and looks it up by code with and
without the secret; in Vietnamese on a phone (with a browser set to English) and once in English on a desktop.
Every new page is axe-core clean at 360 and 1280 px in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from motcua.accounts.code_senders import ConsoleCodeSender
from motcua.accounts.models import Role, User
from motcua.dossiers import services
from tests.factories.accounts import PASSWORD, user_with_role
from tests.factories.dossiers import applicant_data, received, setup_procedure, submit_online

pytestmark = pytest.mark.browser

NEW_PASSWORD = "mat-khau-cua-An-2026"
TEXT = {
    "vi": {
        "sign_up": "Đăng ký tài khoản",
        "verify": "Nhập mã xác minh",
        "sign_in": "Đăng nhập",
        "profile": "Thông tin cá nhân",
        "saved": "Đã lưu thông tin cá nhân.",
        "mine": "Hồ sơ của tôi",
        "received": "Đã tiếp nhận",
        "timeline": "Quá trình xử lý",
        "submitted_event": "Nộp hồ sơ",
        "look_up": "Tra cứu hồ sơ",
        "wrong_secret": "Mã tra cứu không đúng",
    },
    "en": {
        "sign_up": "Create an account",
        "verify": "Enter the verification code",
        "sign_in": "Sign in",
        "profile": "Personal details",
        "saved": "Your personal details were saved.",
        "mine": "My dossiers",
        "received": "Received",
        "timeline": "Progress",
        "submitted_event": "Submitted",
        "look_up": "Track a dossier",
        "wrong_secret": "The lookup secret is wrong",
    },
}


def code_sent_to(phone: str) -> str:
    text = next(m.text for m in reversed(ConsoleCodeSender.outbox) if m.to == phone)
    return next(word for word in text.replace(".", " ").split() if word.isdigit() and len(word) == 6)


def tab_to(page: Page, element_id: str, *, limit: int = 40) -> None:
    """Press Tab until the element has the focus, as someone without a mouse does."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached #{element_id}")


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def h1(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


@pytest.mark.parametrize(
    ("site_language", "viewport_width", "phone"),
    [(None, 360, "0912 345 678"), ("en", 1280, "+84 987 654 321")],
    ids=["vi-phone", "en-desktop"],
)
def test_sign_up_verify_sign_in_profile_my_dossiers_and_lookup(
    page, live_server, axe_check, site_language, viewport_width, phone
):
    """Vietnamese: nothing chosen, with a browser set to English. English: chosen with the switcher."""
    site_language = site_language or "vi"
    text = TEXT[site_language]
    e164 = "+84" + "".join(ch for ch in phone if ch.isdigit()).removeprefix("84").removeprefix("0")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == site_language  # the browser itself asks for en-US

    # Sign up with the keyboard alone.
    page.goto(live_server.url + "/accounts/sign-up/")
    assert h1(page) == text["sign_up"]
    tab_to(page, "id_full_name")
    page.keyboard.type("Nguyễn Văn An")
    page.keyboard.press("Tab")
    page.keyboard.type(phone)
    page.keyboard.press("Tab")
    page.keyboard.type("123")  # too short: refused, with the typed values kept
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.locator("#id_identifier").input_value() == phone
    assert page.locator("#id_full_name").input_value() == "Nguyễn Văn An"
    axe_check(page)
    tab_to(page, "id_password")
    page.keyboard.type(NEW_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/accounts/verify/") and h1(page) == text["verify"]
    tab_to(page, "id_code")
    page.keyboard.type(code_sent_to(e164))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert User.objects.get(username=e164).is_active

    # Sign in with the number as written on paper; the profile page follows.
    assert "/accounts/sign-in/" in page.url
    page.locator("#id_username").fill(phone)
    page.locator("#id_password").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/accounts/profile/") and h1(page) == text["profile"]
    page.locator("#id_personal_id").fill("001085012345")
    page.locator("#id_birth_date").fill("27/03/1985")
    page.locator("#id_sex").select_option("male")
    page.locator("#id_address_street").fill("12 phố Hàng Bạc")
    page.locator("#id_address_commune").fill("Phường Hoàn Kiếm")
    page.locator("#id_address_province").fill("Thành phố Hà Nội")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert text["saved"] in page.locator(".messages").inner_text()
    assert page.locator("#id_birth_date").input_value() == "27/03/1985"
    axe_check(page)

    # A dossier filed for this person, received at the centre.
    setup = setup_procedure()
    user = User.objects.get(username=e164)
    dossier = services.dossier_submit(
        actor=user,
        applicant=applicant_data(name="Nguyễn Văn An", phone=e164),
        channel="online",
        procedure_code=setup.version.procedure.code,
        receiving_agency_code=setup.centre.code,
    )
    dossier = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)

    page.get_by_role("navigation").get_by_role("link", name=text["mine"]).click()
    page.wait_for_url("**/ho-so-cua-toi/")
    assert h1(page) == text["mine"]
    row = page.locator(".dossier-list li").first
    assert text["received"] in row.inner_text()
    axe_check(page)
    if viewport_width == 360:
        no_sideways_scroll(page)
    row.get_by_role("link", name=dossier.code).click()
    page.wait_for_url(f"**/ho-so-cua-toi/{dossier.code}/")
    timeline = page.locator(".timeline").inner_text()
    assert text["submitted_event"] in timeline
    axe_check(page)

    # Lookup by code: the status for anyone, the timeline with the secret.
    page.get_by_role("navigation").get_by_role("link", name=text["look_up"]).click()
    page.wait_for_url("**/tra-cuu/")
    page.locator("#id_code").fill(dossier.code.lower())
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith(f"/tra-cuu/{dossier.code}/")
    assert text["received"] in page.locator(".summary-list").inner_text()
    assert page.locator(".timeline").count() == 0
    assert "Nguyễn Văn An" not in page.content()
    page.locator("#id_secret").fill("SAIMAT")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert text["wrong_secret"] in page.locator(".error-summary").inner_text()
    page.locator("#id_secret").fill(dossier.lookup_secret)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert text["submitted_event"] in page.locator(".timeline").inner_text()
    assert "Nguyễn Văn An" not in page.content()
    axe_check(page)
    if viewport_width == 360:
        no_sideways_scroll(page)


def test_an_english_browser_gets_vietnamese_until_english_is_chosen_then_english_everywhere(
    page, live_server
):
    user = user_with_role(Role.APPLICANT)
    page.goto(live_server.url + "/tra-cuu/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert h1(page) == "Tra cứu hồ sơ"

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.url == live_server.url + "/tra-cuu/"
    assert h1(page) == "Track a dossier"
    page.goto(live_server.url + "/accounts/sign-up/")
    assert h1(page) == "Create an account"

    # Signed in, the choice is kept on the account: another browser gets English after signing in.
    page.goto(live_server.url + "/accounts/sign-in/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert User.objects.get(pk=user.pk).preferred_language == "en"
    other = page.context.browser.new_context(locale="vi-VN")
    try:
        fresh = other.new_page()
        fresh.goto(live_server.url + "/accounts/sign-in/")
        assert fresh.locator("html").get_attribute("lang") == "vi"
        fresh.locator("#id_username").fill(user.username)
        fresh.locator("#id_password").fill(PASSWORD)
        with fresh.expect_navigation():
            fresh.locator("main form button[type=submit]").click()
        fresh.goto(live_server.url + "/ho-so-cua-toi/")
        assert fresh.get_by_role("heading", level=1).inner_text() == "My dossiers"
    finally:
        other.close()


@pytest.mark.parametrize("viewport_width", [360, 1280])
@pytest.mark.parametrize("site_language", ["vi", "en"])
def test_every_new_page_is_axe_clean(page, live_server, axe_check, login, site_language, viewport_width):
    setup = setup_procedure()
    applicant = user_with_role(Role.APPLICANT, full_name="Trần Thị Bình")
    dossier = received(setup)
    asked = services.dossier_request_completion(
        code=submit_online(setup, actor=applicant, applicant=applicant_data(name="Trần Thị Bình")).code,
        actor=setup.officer,
        version=1,
        items=["Bản sao giấy khai sinh"],
    )
    mine = services.dossier_receive(
        code=submit_online(setup, actor=applicant, applicant=applicant_data(name="Trần Thị Bình")).code,
        actor=setup.officer,
        version=1,
    )

    def check(path: str, *, submit: bool = False) -> None:
        page.goto(live_server.url + path)
        if submit:
            with page.expect_navigation():
                page.locator("main form.form button[type=submit]").first.click()
        assert page.locator("html").get_attribute("lang") == site_language
        axe_check(page)
        if viewport_width == 360:
            no_sideways_scroll(page)

    check("/accounts/sign-up/")
    check("/accounts/sign-up/", submit=True)  # with the error summary
    check("/tra-cuu/")
    check("/tra-cuu/?code=")  # with the error summary
    check(f"/tra-cuu/{dossier.code}/")
    check(f"/tra-cuu/{dossier.code}/?secret={dossier.lookup_secret}")
    check(f"/tra-cuu/{dossier.code}/?secret=SAI")
    check("/tra-cuu/HN.KHONGCO-260101-0001/")

    # The verify page needs a pending sign-up in this browser.
    page.goto(live_server.url + "/accounts/sign-up/")
    page.locator("#id_identifier").fill("0978123456")
    page.locator("#id_password").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    check("/accounts/verify/")
    check("/accounts/verify/", submit=True)

    login(page, applicant, password=PASSWORD, next_path="/accounts/profile/")
    check("/accounts/profile/")
    page.locator("#id_personal_id").fill("12345")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    check("/ho-so-cua-toi/")
    check(f"/ho-so-cua-toi/{asked.code}/")
    assert "Bản sao giấy khai sinh" in page.locator(".request-box").inner_text()
    check(f"/ho-so-cua-toi/{mine.code}/")
    check("/ho-so-cua-toi/KHONG-CO/")
